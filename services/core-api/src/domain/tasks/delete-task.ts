import type { FedhubEntityManager } from '@fedhub/shared/data'
import { denied } from '../accounts/account-errors.ts'
import { TASK_RULES } from '../federated/rules.ts'
import { mayAccess } from '../federated/scope.ts'
import type { Caller } from '../permissions/index.ts'
import { killTaskTree } from './kill-tasks.ts'
import { findTask, ownerOfTask } from './task-access.ts'
import { deleteTaskTrees } from './task-tree.ts'

/**
 * `DELETE /task/<id>`: kills what still runs (the nodes hear it), then deletes the task, every
 * descendant, their runs, ports and databases, all in one transaction.
 */
export async function deleteTask(em: FedhubEntityManager, caller: Caller, id: number) {
  const task = await findTask(em, id, `Task id=${id} not found`)
  if (!mayAccess(TASK_RULES.for(caller), caller, 'DELETE', ownerOfTask(task))) throw denied()
  // The deletion is plain SQL; a fork keeps the loaded task out of the unit of work, so the
  // commit has nothing of it to flush after its row is gone.
  await em.fork().transactional(async (tx) => {
    await killTaskTree(tx, id, { announceStatuses: false })
    await deleteTaskTrees(tx, [id])
  })
}
