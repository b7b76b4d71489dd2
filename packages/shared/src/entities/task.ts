import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'
import type { AlgorithmStore } from './algorithm-store.ts'
import type { Collaboration } from './collaboration.ts'
import { int, serialId, timestamp, varchar, versionColumn } from './columns.ts'
import type { Organization } from './organization.ts'
import type { Run } from './run.ts'
import type { Study } from './study.ts'
import type { TaskDatabase } from './task-database.ts'
import type { User } from './user.ts'

/** `task`; its status is derived from its runs and not stored. */
export class Task {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'version'
  id!: number
  name?: string | null
  description?: string | null
  image?: string | null
  collaboration?: Collaboration | null
  study?: Study | null
  /** Shared by a top-level task and its sub-tasks; new ones come from `allocateJobId`. */
  jobId?: number | null
  parent?: Task | null
  initOrg?: Organization | null
  initUser?: User | null
  createdAt?: Date | null
  algorithmStore?: AlgorithmStore | null
  runs = new Collection<Run>(this)
  databases = new Collection<TaskDatabase>(this)
  children = new Collection<Task>(this)
  version = 1
}

export const TaskSchema = new EntitySchema<Task>({
  class: Task,
  tableName: 'task',
  properties: {
    id: serialId(),
    name: varchar('name'),
    description: varchar('description'),
    image: varchar('image'),
    collaboration: {
      kind: 'm:1',
      entity: 'Collaboration',
      fieldName: 'collaboration_id',
      nullable: true,
      index: true,
    },
    study: { kind: 'm:1', entity: 'Study', fieldName: 'study_id', nullable: true },
    jobId: int('job_id', { index: true }),
    parent: { kind: 'm:1', entity: 'Task', fieldName: 'parent_id', nullable: true, index: true },
    initOrg: { kind: 'm:1', entity: 'Organization', fieldName: 'init_org_id', nullable: true },
    initUser: { kind: 'm:1', entity: 'User', fieldName: 'init_user_id', nullable: true },
    createdAt: timestamp('created_at'),
    algorithmStore: {
      kind: 'm:1',
      entity: 'AlgorithmStore',
      fieldName: 'algorithm_store_id',
      nullable: true,
    },
    runs: { kind: '1:m', entity: 'Run', mappedBy: 'task' },
    databases: { kind: '1:m', entity: 'TaskDatabase', mappedBy: 'task', orderBy: { id: 'asc' } },
    children: { kind: '1:m', entity: 'Task', mappedBy: 'parent' },
    version: versionColumn(),
  },
})
