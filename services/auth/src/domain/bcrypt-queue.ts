import bcrypt from 'bcrypt'
import { authErrors } from './auth-errors.ts'

export type BcryptKind = 'compare' | 'hash'

export interface BcryptQueueOptions {
  /** bcrypt calls running at once; the rest of libuv's threads stay free for DNS and files. */
  concurrency: number
  /** Calls allowed to wait; one more is refused with 429 at once. */
  maxWaiting: number
  /** Told about every call that starts, for metrics and tests. */
  onCall?: (kind: BcryptKind) => void
}

export interface BcryptQueue {
  compare(plain: string, hash: string): Promise<boolean>
  hash(plain: string, rounds: number): Promise<string>
  /** Calls running and waiting now. */
  load(): { running: number; waiting: number }
}

/**
 * Runs bcrypt through a bounded queue: a burst of logins cannot occupy every libuv thread, and
 * past the bound the caller hears 429 instead of waiting unboundedly.
 */
export function createBcryptQueue(options: BcryptQueueOptions): BcryptQueue {
  let running = 0
  const waiting: Array<() => void> = []

  const run = async <T>(kind: BcryptKind, work: () => Promise<T>): Promise<T> => {
    if (running >= options.concurrency) {
      if (waiting.length >= options.maxWaiting) throw authErrors.busy()
      await new Promise<void>((resolve) => waiting.push(resolve))
    } else {
      running += 1
    }
    try {
      options.onCall?.(kind)
      return await work()
    } finally {
      // Hand the slot straight to the next waiter, so `running` never overshoots.
      const next = waiting.shift()
      if (next === undefined) running -= 1
      else next()
    }
  }

  return {
    // bcrypt hashes only the first 72 bytes; longer inputs are capped by the schemas (128 chars).
    compare: (plain, hash) => run('compare', () => bcrypt.compare(plain, hash)),
    hash: (plain, rounds) => run('hash', () => bcrypt.hash(plain, rounds)),
    load: () => ({ running, waiting: waiting.length }),
  }
}
