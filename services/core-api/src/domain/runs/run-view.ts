import type { Run } from '@fedhub/shared/entities'
import { formatTimestamp, type HateoasLink, type LinkBuilder } from '../list-kit/index.ts'
import type { RunExtras } from './run-extras.ts'

export interface RunNode {
  id?: number
  name?: string | null
  ip?: string | null
  status?: string | null
}

export interface PortView {
  id: number
  port: number | null
  label: string | null
}

export interface RunView {
  id: number
  input: string | null
  status: string | null
  log: string | null
  assigned_at: string | null
  started_at: string | null
  finished_at: string | null
  cleanup_at: string | null
  blob_storage_used: boolean
  organization: HateoasLink | null
  task: HateoasLink | object | null
  results: HateoasLink | null
  node: RunNode
  ports: PortView[]
}

export interface ResultView {
  id: number
  result: string | null
  cleanup_at: string | null
  blob_storage_used: boolean
  task: HateoasLink | null
  run: HateoasLink | null
}

// Upstream hard-codes these methods on the run/result cross links.
const crossLink = (links: LinkBuilder, resource: 'run' | 'result', id: number) => {
  const link = links.one(resource, id)
  return link === null ? null : { ...link, methods: ['GET', 'PATCH'] }
}

/** A run; `task` is the nested task when the caller asked for `include=task`. */
export function toRunView(
  run: Run,
  links: LinkBuilder,
  extras: RunExtras,
  nestedTask?: object,
): RunView {
  return {
    id: run.id,
    input: run.input ?? null,
    status: run.status ?? null,
    log: run.log ?? null,
    assigned_at: formatTimestamp(run.assignedAt),
    started_at: formatTimestamp(run.startedAt),
    finished_at: formatTimestamp(run.finishedAt),
    cleanup_at: formatTimestamp(run.cleanupAt),
    blob_storage_used: run.blobStorageUsed === true,
    organization: links.one('organization', run.organization?.id),
    task: nestedTask ?? links.one('task', run.task?.id),
    results: crossLink(links, 'result', run.id),
    node: extras.nodes.get(run.id) ?? {},
    ports: extras.ports.get(run.id) ?? [],
  }
}

export function toResultView(run: Run, links: LinkBuilder): ResultView {
  return {
    id: run.id,
    result: run.result ?? null,
    cleanup_at: formatTimestamp(run.cleanupAt),
    blob_storage_used: run.blobStorageUsed === true,
    task: links.one('task', run.task?.id),
    run: crossLink(links, 'run', run.id),
  }
}

export const RUN_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'r.id',
  status: 'r.status',
  assigned_at: 'r.assignedAt',
  started_at: 'r.startedAt',
  finished_at: 'r.finishedAt',
  cleanup_at: 'r.cleanupAt',
  task_id: 'r.task',
  organization_id: 'r.organization',
}
