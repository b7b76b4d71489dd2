import type { Logger } from '@fedhub/shared/logging'

/** Work done after the answer has gone, so every outcome of a request takes the same time. */
export interface Background {
  run(name: string, work: () => Promise<void>): void
  /** Resolves when everything started so far has finished (for shutdown and tests). */
  idle(): Promise<void>
}

export function createBackground(logger: Logger): Background {
  const pending = new Set<Promise<void>>()
  return {
    run(name, work) {
      const job = work()
        .catch((error: unknown) => logger.error({ err: error, job: name }, 'background job failed'))
        .finally(() => pending.delete(job))
      pending.add(job)
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending])
    },
  }
}
