import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Run } from '@fedhub/shared/entities'

const OPEN_STATUSES = ['pending', 'initializing', 'active'] as const

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
