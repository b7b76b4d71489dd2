import type { FedhubEntityManager } from '@fedhub/shared/data'
import { writeOutbox } from '@fedhub/shared/data'
import { Node } from '@fedhub/shared/entities'
import { EVENTS } from '@fedhub/shared/events'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { EVENT_RULES } from '../federated/rules.ts'
import { hasFinished } from '../federated/run-status.ts'
import type { Caller } from '../permissions/index.ts'
import { killTaskTree } from './kill-tasks.ts'
import { findTask } from './task-access.ts'
import { loadTaskExtras } from './task-extras.ts'

/** `POST /kill/task`: event send, globally or in the task's collaboration. */
export async function killTask(em: FedhubEntityManager, caller: Caller, id: number) {
  const task = await findTask(em, id, `Task id=${id} not found`)
  const status = (await loadTaskExtras(em, [id])).states.get(id)?.status ?? 'completed'
  if (hasFinished(status)) {
    throw badRequest(
      'task.finished',
      `Task ${id} already finished with status '${status}', so cannot kill it!`,
    )
  }
  const guard = EVENT_RULES.for(caller)
  if (!guard.canForCol('SEND', task.collaboration?.id ?? -1)) throw denied()
  await em.transactional((tx) => killTaskTree(tx, id, { announceStatuses: true }))
}

/**
 * `POST /kill/node/tasks`: asks one online node to stop all its containers. Upstream answers 500
 * for every caller here; the intended checks are implemented.
 */
export async function killNodeTasks(em: FedhubEntityManager, caller: Caller, id: number) {
  const node = await em.findOne(Node, id, { populate: ['authenticatable'] })
  if (node === null) throw notFound('node.not_found', `Node id=${id} not found`)
  if (node.authenticatable?.status !== 'online') {
    throw badRequest('node.offline', `Node ${id} is not online so cannot kill its tasks!`)
  }
  const guard = EVENT_RULES.for(caller)
  const collaborationId = node.collaboration?.id
  const allowed =
    guard.has('GLOBAL', 'SEND') ||
    (collaborationId !== undefined && guard.canForCol('SEND', collaborationId)) ||
    (guard.has('ORGANIZATION', 'SEND') && node.organization?.id === caller.organizationId)
  if (!allowed) throw denied()
  if (collaborationId === undefined) {
    throw badRequest('node.no_collaboration', `Node ${id} is not part of a collaboration`)
  }
  await em.transactional(async (tx) => {
    writeOutbox(tx, EVENTS.nodeKillRequested.subject, {
      node_id: id,
      collaboration_id: collaborationId,
    })
  })
}
