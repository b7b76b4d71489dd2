import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Task } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import { RUN_RULES, TASK_RULES } from '../federated/rules.ts'
import { mayAccess, type Owner } from '../federated/scope.ts'
import type { Caller } from '../permissions/index.ts'

export function ownerOfTask(task: Task): Owner {
  return {
    organizationId: task.initOrg?.id ?? null,
    collaborationId: task.collaboration?.id ?? null,
    userId: task.initUser?.id ?? null,
  }
}

/** Loads a task or answers 404 with the given text. */
export async function findTask(em: FedhubEntityManager, id: number, message: string) {
  const task = await em.findOne(Task, id)
  if (task === null) throw notFound('task.not_found', message)
  return task
}

/**
 * `GET /task/<id>` and its status: task view on the task; with results, run view as well.
 */
export async function viewableTask(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  options: { withResults: boolean; notFoundText: string },
): Promise<Task> {
  const task = await findTask(em, id, options.notFoundText)
  const owner = ownerOfTask(task)
  if (!mayAccess(TASK_RULES.for(caller), caller, 'VIEW', owner)) throw denied()
  if (options.withResults && !mayAccess(RUN_RULES.for(caller), caller, 'VIEW', owner)) {
    throw denied('You lack the permission to view the results of this task!')
  }
  return task
}
