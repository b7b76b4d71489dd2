import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmStore, Run, Study, Task, User } from '@fedhub/shared/entities'
import type { QueryBuilder } from '@mikro-orm/knex'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { TASK_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { DERIVED_STATUS_SQL } from './derived-status-sql.ts'

export interface TaskFilters {
  collaboration_id?: number
  study_id?: number
  init_org_id?: number
  init_user_id?: number
  parent_id?: number
  job_id?: number
  run_id?: number
  store_id?: number
  name?: string
  image?: string
  description?: string
  database?: string
  is_user_created?: number
  status?: string
}

const missing = (what: string, id: number) =>
  badRequest(`${what.toLowerCase()}.not_found`, `${what} id=${id} does not exist!`)

/**
 * The filters of `GET /task`, each with upstream's permission check. `run_id`, `store_id` and
 * `status` answer 500 upstream; here they filter as documented.
 */
export async function applyTaskFilters(
  em: FedhubEntityManager,
  caller: Caller,
  qb: QueryBuilder<Task>,
  f: TaskFilters,
): Promise<void> {
  const guard = TASK_RULES.for(caller)
  const colCheck = (collaborationId: number | undefined) => {
    if (!guard.canForCol('VIEW', collaborationId ?? -1)) throw denied()
  }
  if (f.collaboration_id !== undefined) {
    colCheck(f.collaboration_id)
    qb.andWhere({ collaboration: f.collaboration_id })
  }
  if (f.study_id !== undefined) {
    const study = await em.findOne(Study, f.study_id)
    if (study === null) throw missing('Study', f.study_id)
    colCheck(study.collaboration?.id)
    qb.andWhere({ study: f.study_id })
  }
  if (f.init_org_id !== undefined) {
    if (!guard.allowedForOrg('VIEW', f.init_org_id)) throw denied()
    qb.andWhere({ initOrg: f.init_org_id })
  }
  if (f.init_user_id !== undefined) {
    const user = await em.findOne(User, f.init_user_id)
    if (user === null) throw missing('User', f.init_user_id)
    const self = guard.has('OWN', 'VIEW') && caller.type === 'user' && caller.id === user.id
    if (!guard.allowedForOrg('VIEW', user.organization?.id) && !self) throw denied()
    qb.andWhere({ initUser: f.init_user_id })
  }
  if (f.parent_id !== undefined) {
    const parent = await em.findOne(Task, f.parent_id)
    if (parent === null) throw missing('Task', f.parent_id)
    colCheck(parent.collaboration?.id)
    qb.andWhere({ parent: f.parent_id })
  }
  if (f.job_id !== undefined) {
    const first = await em.findOne(Task, { jobId: f.job_id })
    if (first === null) throw badRequest('task.job_not_found', `Job id=${f.job_id} does not exist!`)
    colCheck(first.collaboration?.id)
    qb.andWhere({ jobId: f.job_id })
  }
  if (f.run_id !== undefined) {
    const run = await em.findOne(Run, f.run_id)
    if (run === null) throw missing('Run', f.run_id)
    qb.andWhere({ id: run.task?.id ?? -1 })
  }
  if (f.store_id !== undefined) {
    if ((await em.count(AlgorithmStore, f.store_id)) === 0)
      throw missing('Algorithm store', f.store_id)
    qb.andWhere({ algorithmStore: f.store_id })
  }
  for (const field of ['name', 'image', 'description'] as const) {
    const value = f[field]
    if (value !== undefined) qb.andWhere({ [field]: { $like: value } })
  }
  if (f.database !== undefined) {
    qb.andWhere('t.id in (select task_id from taskdatabase where database = ?)', [f.database])
  }
  if (f.status !== undefined) qb.andWhere(`${DERIVED_STATUS_SQL} like ?`, [f.status])
  if (f.is_user_created !== undefined) {
    qb.andWhere({ parent: f.is_user_created === 0 ? { $ne: null } : null })
  }
}
