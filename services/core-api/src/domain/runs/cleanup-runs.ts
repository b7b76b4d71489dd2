import { dialectOf, type FedhubEntityManager, type FedhubOrm } from '@fedhub/shared/data'
import { Run } from '@fedhub/shared/entities'
import type { Logger } from '@fedhub/shared/logging'

// 0x66686372 spells "fhcr": one key, so one replica at a time runs the cleanup.
const CLEANUP_LOCK_KEY = 0x66686372
const HOUR_MS = 60 * 60 * 1000

export interface CleanupOptions {
  days: number
  includeInput: boolean
  now?: Date
}

/**
 * Blanks the results (and, when asked, the inputs) of completed runs that finished more than
 * `days` ago and marks them with `cleanup_at`. On PostgreSQL only the replica holding the
 * advisory lock works; the others skip this round. Answers how many runs were cleaned.
 */
export async function cleanupRunData(
  em: FedhubEntityManager,
  options: CleanupOptions,
): Promise<number> {
  const now = options.now ?? new Date()
  const before = new Date(now.getTime() - options.days * 24 * HOUR_MS)
  return em.transactional(async (tx) => {
    if (dialectOf(tx) === 'postgresql') {
      const rows = (await tx.execute('select pg_try_advisory_xact_lock(?) as got', [
        CLEANUP_LOCK_KEY,
      ])) as Array<{ got: boolean }>
      if (rows[0]?.got !== true) return 0
    }
    const blank = options.includeInput ? { result: '', input: '' } : { result: '' }
    return tx.nativeUpdate(
      Run,
      { status: 'completed', finishedAt: { $lt: before }, cleanupAt: null },
      { ...blank, cleanupAt: now },
    )
  })
}

/** Runs the cleanup every hour while `runs_data_cleanup_days` is set; returns the stopper. */
export function scheduleRunCleanup(
  orm: FedhubOrm,
  options: Omit<CleanupOptions, 'now'>,
  log: Logger,
): () => void {
  const timer = setInterval(() => {
    cleanupRunData(orm.em.fork(), options).then(
      (count) => {
        if (count > 0) log.info({ count }, 'run data cleaned up')
      },
      (error: unknown) => log.error({ err: error }, 'run data cleanup failed'),
    )
  }, HOUR_MS)
  timer.unref()
  return () => clearInterval(timer)
}
