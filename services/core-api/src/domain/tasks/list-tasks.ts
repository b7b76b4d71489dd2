import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Task } from '@fedhub/shared/entities'
import { denied } from '../accounts/account-errors.ts'
import { TASK_RULES } from '../federated/rules.ts'
import { idList } from '../federated/scope.ts'
import { fetchPage, type Page, type PageRequest } from '../list-kit/index.ts'
import { type Caller, SCOPE_ORDER } from '../permissions/index.ts'
import { applyTaskFilters, type TaskFilters } from './task-filters.ts'

/** Widest scope at which the caller may view the resource, as an index into SCOPE_ORDER. */
function widest(caller: Caller, resource: 'task' | 'run'): number {
  return Math.max(...SCOPE_ORDER.map((s, i) => (caller.rules.has(resource, s, 'VIEW') ? i : -1)))
}

/** `GET /task` for users, nodes and containers; newest first whatever `sort` says. */
export async function listTasks(
  em: FedhubEntityManager,
  caller: Caller,
  filters: TaskFilters,
  page: PageRequest,
  withResults: boolean,
): Promise<Page<Task>> {
  const guard = TASK_RULES.for(caller)
  if (withResults && widest(caller, 'run') < widest(caller, 'task')) {
    throw denied(
      'You cannot include results: you may view tasks more widely than their results. Leave out include=results.',
    )
  }
  const qb = em.createQueryBuilder(Task, 't')
  if (guard.has('GLOBAL', 'VIEW')) {
    // Everything.
  } else if (guard.has('COLLABORATION', 'VIEW')) {
    qb.andWhere({ collaboration: { $in: idList(caller.collaborationIds) } })
  } else if (guard.has('ORGANIZATION', 'VIEW')) {
    qb.andWhere({ initOrg: caller.organizationId ?? -1 })
  } else if (guard.has('OWN', 'VIEW') && caller.type === 'user') {
    qb.andWhere({ initUser: caller.id ?? -1 })
  } else {
    throw denied()
  }
  await applyTaskFilters(em, caller, qb, filters)
  // Upstream orders newest first before any requested key; the UI relies on it.
  return fetchPage(qb, { ...page, sort: [{ column: 't.id', direction: 'desc' }, ...page.sort] })
}
