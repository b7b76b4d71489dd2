import type { RunStatus } from '@fedhub/shared/entities'

const OPEN: ReadonlySet<string> = new Set(['pending', 'initializing', 'active'])

/** Statuses in which a run has not finished; `finished_at` is null for them in practice. */
export const OPEN_STATUSES: readonly RunStatus[] = ['pending', 'initializing', 'active']

/** Upstream: anything but pending/initializing/active/completed (null included) has failed. */
export function hasFailed(status: string | null | undefined): boolean {
  return status !== 'completed' && !OPEN.has(status ?? '')
}

export function hasFinished(status: string | null | undefined): boolean {
  return status === 'completed' || hasFailed(status)
}

/**
 * A task's status from its runs: a shared failure status (or `failed` when they differ), else
 * active, initializing, pending in that order, else completed (also for a task without runs).
 */
export function taskStatus(statuses: ReadonlyArray<string | null | undefined>): string {
  const failed = new Set(statuses.filter(hasFailed).map((s) => s ?? 'failed'))
  if (failed.size > 0) return failed.size === 1 ? ([...failed][0] as string) : 'failed'
  for (const status of ['active', 'initializing', 'pending']) {
    if (statuses.includes(status)) return status
  }
  return 'completed'
}
