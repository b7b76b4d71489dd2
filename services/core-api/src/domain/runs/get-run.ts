import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Run } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import { RUN_RULES } from '../federated/rules.ts'
import { mayAccess } from '../federated/scope.ts'
import type { Caller } from '../permissions/index.ts'
import { ownerOfTask } from '../tasks/task-access.ts'

/** Loads a run with its task, or answers 404. */
export async function findRun(em: FedhubEntityManager, id: number): Promise<Run> {
  const run = await em.findOne(Run, id, { populate: ['task'] })
  if (run === null) throw notFound('run.not_found', `Run id=${id} not found!`)
  return run
}

/** `GET /run/<id>` and `GET /result/<id>`: run view on the run's task, in its collaboration. */
export async function getRun(em: FedhubEntityManager, caller: Caller, id: number): Promise<Run> {
  const run = await findRun(em, id)
  const task = run.task
  if (!task || !mayAccess(RUN_RULES.for(caller), caller, 'VIEW', ownerOfTask(task))) {
    throw denied()
  }
  return run
}
