import type { FedhubEntityManager } from '../data/index.ts'
import { Run } from '../entities/index.ts'

/** Run statuses that mean the run has not finished yet. */
export const UNFINISHED_RUN_STATUSES = ['pending', 'initializing', 'active'] as const
const OPEN_STATUSES = UNFINISHED_RUN_STATUSES

/**
 * Whether a task is unfinished, judged on its aggregated status as upstream derives it: any
 * failed run finishes the task, all runs completed finishes it, and a task without runs counts
 * as completed.
 */
export async function isTaskOpen(em: FedhubEntityManager, taskId: number): Promise<boolean> {
  const runs = await em.find(Run, { task: taskId }, { fields: ['status'] })
  if (runs.length === 0) return false
  let open = false
  for (const run of runs) {
    const status = run.status ?? 'pending'
    if ((OPEN_STATUSES as readonly string[]).includes(status)) open = true
    else if (status !== 'completed') return false
  }
  return open
}

/**
 * Whether any run of the task is unfinished: a container token stays valid exactly that long,
 * so a container whose siblings failed can still finish its own run.
 */
export async function hasUnfinishedRun(em: FedhubEntityManager, taskId: number): Promise<boolean> {
  const count = await em.count(Run, { task: taskId, status: { $in: [...UNFINISHED_RUN_STATUSES] } })
  return count > 0
}
