import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'
import type { AlgorithmPort } from './algorithm-port.ts'
import { bool, serialId, text, timestamp, versionColumn } from './columns.ts'
import type { RunStatus } from './enums.ts'
import type { Organization } from './organization.ts'
import type { Task } from './task.ts'

/** `run`: one task's execution at one organization. */
export class Run {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'version'
  id!: number
  /** Encoded per organization (base64 JSON, encrypted triple, or a blob id). */
  input?: string | null
  task?: Task | null
  organization?: Organization | null
  result?: string | null
  assignedAt?: Date | null
  startedAt?: Date | null
  /** NULL while the run is open. */
  finishedAt?: Date | null
  status?: RunStatus | null
  log?: string | null
  cleanupAt?: Date | null
  /** NULL in rows older than 4.13; read it as false. */
  blobStorageUsed?: boolean | null = false
  ports = new Collection<AlgorithmPort>(this)
  version = 1
}

export const RunSchema = new EntitySchema<Run>({
  class: Run,
  tableName: 'run',
  properties: {
    id: serialId(),
    input: text('input'),
    task: { kind: 'm:1', entity: 'Task', fieldName: 'task_id', nullable: true, index: true },
    organization: {
      kind: 'm:1',
      entity: 'Organization',
      fieldName: 'organization_id',
      nullable: true,
      index: true,
    },
    result: text('result'),
    assignedAt: timestamp('assigned_at'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at', { index: true }),
    status: text('status'),
    log: text('log'),
    cleanupAt: timestamp('cleanup_at'),
    blobStorageUsed: bool('blob_storage_used'),
    ports: { kind: '1:m', entity: 'AlgorithmPort', mappedBy: 'run' },
    version: versionColumn(),
  },
})
