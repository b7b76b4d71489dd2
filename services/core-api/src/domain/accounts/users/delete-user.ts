import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, Task } from '@fedhub/shared/entities'
import { type Caller, isSelf } from '../../permissions/index.ts'
import { badRequest, denied } from '../account-errors.ts'
import { deleteTasks } from '../organizations/delete-dependents.ts'
import { USER_RULES } from '../resource-rules.ts'
import { findUser } from './get-user.ts'

/**
 * `DELETE /user/<id>`. Tasks the user created block the deletion unless `deleteDependents`;
 * deleting the identity row cascades to the user, its roles and rules, and ends its tokens.
 */
export async function deleteUser(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deleteDependents: boolean,
): Promise<void> {
  const user = await findUser(em, id, `user id=${id} not found`)
  const guard = USER_RULES.for(caller)
  const own = guard.has('OWN', 'DELETE') && isSelf(caller, id)
  if (!own && !guard.allowedForOrg('DELETE', user.organization?.id)) throw denied()
  const tasks = await em.count(Task, { initUser: id })
  if (tasks > 0 && !deleteDependents) {
    throw badRequest(
      'user.has_tasks',
      `User has created ${tasks} tasks. Please delete those first, or set the \`delete_dependents\` parameter to true to delete them automatically together with this user.`,
    )
  }
  await em.transactional(async (tx) => {
    if (tasks > 0) {
      await deleteTasks(tx, 'select id from task where init_user_id = ?', [id])
    }
    await tx.nativeDelete(Authenticatable, { id })
  })
}
