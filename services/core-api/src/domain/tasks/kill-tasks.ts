import type { FedhubEntityManager } from '@fedhub/shared/data'
import { dialectOf, writeOutbox } from '@fedhub/shared/data'
import { Run } from '@fedhub/shared/entities'
import { EVENTS } from '@fedhub/shared/events'
import { raw } from '@mikro-orm/core'
import { withDescendants } from './task-tree.ts'

// On PostgreSQL the open runs are locked: a node's update in flight either finishes first (and
// the run drops out here) or waits and then fails its version guard. SQLite has one writer.
const OPEN_RUNS = (count: number, lock: boolean) => `select r.id, r.task_id, r.organization_id,
    t.collaboration_id, t.job_id, t.parent_id
  from run r join task t on t.id = r.task_id
  where r.task_id in (${Array(count).fill('?').join(', ')}) and r.finished_at is null
    and (r.status is null or r.status in ('pending', 'initializing', 'active'))
  order by r.id${lock ? ' for update of r' : ''}`

interface OpenRun {
  id: number
  task_id: number
  organization_id: number | null
  collaboration_id: number | null
  job_id: number | null
  parent_id: number | null
}

export interface KillOptions {
  /**
   * Announce each killed run's new status. A kill does (a run no node had started would look
   * pending to watchers until they reload); a deletion does not, as the runs are gone.
   */
  announceStatuses: boolean
}

/**
 * Kills a task and every descendant (upstream reaches direct children only): each unfinished
 * run becomes `killed by user` with a finish time, finished runs stay as they are, and one
 * `kill_containers` event per collaboration lists them all. Bumping the version column makes a
 * node's concurrent PATCH of the same run fail its guard and re-read the killed run.
 * Call inside a transaction. Returns the number of runs killed.
 */
export async function killTaskTree(
  em: FedhubEntityManager,
  taskId: number,
  options: KillOptions,
): Promise<number> {
  const taskIds = await withDescendants(em, [taskId])
  const lock = dialectOf(em) === 'postgresql'
  const runs = (await em.execute(OPEN_RUNS(taskIds.length, lock), taskIds)) as OpenRun[]
  if (runs.length === 0) return 0
  const ids = runs.map((run) => Number(run.id))
  // Through the ORM, so the timestamp is written as UTC on every database.
  await em.nativeUpdate(
    Run,
    { id: { $in: ids }, finishedAt: null },
    { status: 'killed by user', finishedAt: new Date(), version: raw('version + 1') },
  )
  const byCollaboration = new Map<number, OpenRun[]>()
  for (const run of runs) {
    const key = Number(run.collaboration_id)
    byCollaboration.set(key, [...(byCollaboration.get(key) ?? []), run])
  }
  for (const [collaborationId, list] of byCollaboration) {
    // Rows adopted from upstream may have lost their collaboration: no room to tell.
    if (collaborationId === 0) continue
    writeOutbox(em, EVENTS.killListed.subject, {
      collaboration_id: collaborationId,
      kill_list: list
        .filter((run) => run.organization_id !== null)
        .map((run) => ({
          task_id: Number(run.task_id),
          run_id: Number(run.id),
          organization_id: Number(run.organization_id),
        })),
    })
    if (options.announceStatuses) announceKilled(em, collaborationId, list)
  }
  return runs.length
}

const nullableId = (value: number | null) => (value === null ? null : Number(value))

/** One `algorithm_status_change` per killed run; no node reported it, so `node_id` is null. */
function announceKilled(em: FedhubEntityManager, collaborationId: number, runs: OpenRun[]) {
  for (const run of runs) {
    writeOutbox(em, EVENTS.runStatusChanged.subject, {
      status: 'killed by user',
      run_id: Number(run.id),
      task_id: Number(run.task_id),
      job_id: Number(run.job_id ?? 0),
      collaboration_id: collaborationId,
      node_id: null,
      organization_id: nullableId(run.organization_id),
      parent_id: nullableId(run.parent_id),
    })
  }
}
