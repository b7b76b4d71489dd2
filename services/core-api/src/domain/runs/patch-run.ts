import type { FedhubEntityManager } from '@fedhub/shared/data'
import { writeOutbox } from '@fedhub/shared/data'
import { Node, Run, type RunStatus } from '@fedhub/shared/entities'
import { AppError } from '@fedhub/shared/errors'
import { EVENTS } from '@fedhub/shared/events'
import { OptimisticLockError } from '@mikro-orm/core'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { hasFailed } from '../federated/run-status.ts'
import type { Caller } from '../permissions/index.ts'
import type { AnnouncedStatuses } from './announced-statuses.ts'
import { findRun } from './get-run.ts'
import { announceStatus } from './run-events.ts'
import { parseTimestamp } from './timestamps.ts'

export interface RunPatch {
  started_at?: string
  finished_at?: string
  log?: string
  result?: string
  status?: RunStatus
}

const ATTEMPTS = 3

/**
 * `PATCH /run/<id>` by the node of the run's organization in the task's collaboration. Fields
 * left out keep their stored value (upstream writes null for result, log and finished_at).
 * Guarded by the version column: when a kill or another update wins the race, the patch is
 * tried again on the fresh row, which then usually is finished and refuses it.
 */
export async function patchRun(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  patch: RunPatch,
  announced: AnnouncedStatuses,
): Promise<Run> {
  const heardAlready =
    patch.status !== undefined && (await announced.wasAnnounced(id, patch.status))
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.fork().transactional((tx) => applyPatch(tx, caller, id, patch, heardAlready))
    } catch (error) {
      if (!(error instanceof OptimisticLockError) || attempt >= ATTEMPTS) {
        if (error instanceof OptimisticLockError) {
          throw new AppError('run.conflict', `Run id=${id} changed meanwhile; try again`, {
            status: 409,
          })
        }
        throw error
      }
    }
  }
}

async function applyPatch(
  tx: FedhubEntityManager,
  caller: Caller,
  id: number,
  patch: RunPatch,
  heardAlready: boolean,
): Promise<Run> {
  const run = await findRun(tx, id)
  const task = run.task
  const node = caller.id === undefined ? null : await tx.findOne(Node, caller.id)
  const ownOrg = node?.organization?.id
  // Upstream checks the organization only, so a node could write into other collaborations.
  const collaborationId = task?.collaboration?.id
  if (
    !task ||
    ownOrg === undefined ||
    collaborationId === undefined ||
    run.organization?.id !== ownOrg ||
    node?.collaboration?.id !== collaborationId
  ) {
    throw denied('This is not your algorithm run to PATCH!')
  }
  if (run.finishedAt !== null && run.finishedAt !== undefined) {
    throw badRequest('run.finished', 'Cannot update an already finished algorithm run!')
  }
  writeOutbox(tx, EVENTS.runUpdateStarted.subject, {
    run_id: id,
    collaboration_id: collaborationId,
  })
  if (patch.started_at !== undefined) run.startedAt = parseTimestamp(patch.started_at)
  if (patch.finished_at !== undefined) run.finishedAt = parseTimestamp(patch.finished_at)
  if (patch.result !== undefined) run.result = patch.result
  if (patch.log !== undefined) run.log = patch.log
  const changed = patch.status !== undefined && patch.status !== run.status
  if (patch.status !== undefined) run.status = patch.status
  if (changed && !heardAlready) announceStatus(tx, run, task, node?.id ?? null)
  if (changed && hasFailed(run.status)) await failSiblings(tx, run)
  await tx.flush()
  return run
}

/**
 * Fail fast (4.14): runs of the same task that no node has started are failed at once, each
 * with a status event (upstream sends none).
 */
async function failSiblings(tx: FedhubEntityManager, failed: Run): Promise<void> {
  const task = failed.task
  if (!task) return
  const siblings = await tx.find(Run, {
    task: task.id,
    id: { $ne: failed.id },
    startedAt: null,
    finishedAt: null,
  })
  const now = new Date()
  for (const sibling of siblings) {
    sibling.status = 'failed'
    sibling.finishedAt = now
    if (sibling.log === null || sibling.log === undefined || sibling.log === '') {
      sibling.log = `Marked as failed because sibling run id=${failed.id} failed with status '${failed.status}'.`
    }
    announceStatus(tx, sibling, task, null)
  }
}
