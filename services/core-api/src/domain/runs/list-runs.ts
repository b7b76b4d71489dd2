import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Node, Run, Task } from '@fedhub/shared/entities'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { RUN_RULES } from '../federated/rules.ts'
import { idList, mayAccess } from '../federated/scope.ts'
import { fetchPage, type Page, type PageRequest, utcDate } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'
import { ownerOfTask } from '../tasks/task-access.ts'

export interface RunFilters {
  task_id?: number
  organization_id?: number
  collaboration_id?: number
  node_id?: number
  state?: string
  port?: number
  assigned_from?: string
  assigned_till?: string
  started_from?: string
  started_till?: string
  finished_from?: string
  finished_till?: string
}

const IN_COLLABORATIONS = (ids: number[]) =>
  `r.task_id in (select id from task where collaboration_id in (${ids.join(',')}))`

const DATES = [
  ['assigned', 'assignedAt'],
  ['started', 'startedAt'],
  ['finished', 'finishedAt'],
] as const

/**
 * `GET /run` and `GET /result`; newest first. `columns` are the properties the view shows, so a
 * result list never reads inputs and a run list never reads results.
 */
export async function listRuns(
  em: FedhubEntityManager,
  caller: Caller,
  f: RunFilters,
  page: PageRequest,
  columns: readonly string[],
): Promise<Page<Run>> {
  const guard = RUN_RULES.for(caller)
  const qb = em.createQueryBuilder(Run, 'r').select(columns.map((c) => `r.${c}`))
  if (f.task_id !== undefined) {
    const task = await em.findOne(Task, f.task_id)
    if (task === null) throw badRequest('task.not_found', `Task id=${f.task_id} does not exist!`)
    if (!mayAccess(guard, caller, 'VIEW', ownerOfTask(task))) throw denied()
    qb.andWhere({ task: f.task_id })
  }
  if (f.organization_id !== undefined) {
    if (!guard.allowedForOrg('VIEW', f.organization_id)) throw denied()
    qb.andWhere({ organization: f.organization_id })
  }
  if (f.collaboration_id !== undefined) {
    if (!guard.canForCol('VIEW', f.collaboration_id)) throw denied()
    qb.andWhere(IN_COLLABORATIONS([f.collaboration_id]))
  }
  if (f.node_id !== undefined) {
    const node = await em.findOne(Node, f.node_id)
    if (node === null) throw badRequest('node.not_found', `Node id=${f.node_id} does not exist!`)
    const collaborationId = node.collaboration?.id ?? -1
    if (!guard.canForCol('VIEW', collaborationId)) throw denied()
    qb.andWhere({ organization: node.organization?.id ?? -1 })
    qb.andWhere(IN_COLLABORATIONS([collaborationId]))
  }
  if (f.state === 'open') qb.andWhere({ finishedAt: null })
  if (f.port !== undefined) {
    qb.andWhere('r.id in (select run_id from algorithmport where port = ?)', [f.port])
  }
  // Upstream compares every `*_from` with `assigned_at`; each bound uses its own column here.
  for (const [prefix, property] of DATES) {
    const from = f[`${prefix}_from`]
    const till = f[`${prefix}_till`]
    if (from !== undefined) qb.andWhere({ [property]: { $gte: utcDate(from) } })
    if (till !== undefined) qb.andWhere({ [property]: { $lte: utcDate(till) } })
  }
  if (guard.has('GLOBAL', 'VIEW')) {
    // Everything.
  } else if (guard.has('COLLABORATION', 'VIEW')) {
    qb.andWhere(IN_COLLABORATIONS(idList(caller.collaborationIds)))
  } else if (guard.has('ORGANIZATION', 'VIEW')) {
    qb.andWhere({ organization: caller.organizationId ?? -1 })
  } else if (guard.has('OWN', 'VIEW') && caller.type === 'user') {
    qb.andWhere('r.task_id in (select id from task where init_user_id = ?)', [caller.id])
  } else {
    throw denied()
  }
  return fetchPage(qb, { ...page, sort: [{ column: 'r.id', direction: 'desc' }, ...page.sort] })
}

export const RUN_COLUMNS = [
  'id',
  'input',
  'task',
  'organization',
  'assignedAt',
  'startedAt',
  'finishedAt',
  'status',
  'log',
  'cleanupAt',
  'blobStorageUsed',
  'version',
] as const

export const RESULT_COLUMNS = ['id', 'result', 'task', 'cleanupAt', 'blobStorageUsed'] as const
