import { createHash } from 'node:crypto'
import type { KeyValueStore } from '@fedhub/shared/transports'
import { authErrors } from './auth-errors.ts'

export interface RateLimits {
  perAccountPerMinute: number
  perAddressPerMinute: number
}

export interface RateLimiter {
  /** Counts one request from an address; throws 429 past the limit. */
  address(address: string): Promise<void>
  /** Counts one attempt on an account of a kind (`user`, `node`, …); throws 429 past the limit. */
  account(kind: string, account: string): Promise<void>
}

const WINDOW_MS = 60_000

// Account names come from the request; hashing keeps keys short and free of odd characters.
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22)

/**
 * Fixed one-minute windows counted in the shared key-value store, so the limit holds however
 * many replicas answer. A window's counter expires with the window.
 */
export function createRateLimiter(kv: KeyValueStore, limits: RateLimits): RateLimiter {
  const hit = async (key: string, limit: number) => {
    const now = Date.now()
    const window = Math.floor(now / WINDOW_MS)
    const count = await kv.increment(`auth:rl:${key}:${window}`, { ttlMs: WINDOW_MS * 2 })
    if (count > limit) throw authErrors.rateLimited((WINDOW_MS - (now % WINDOW_MS)) / 1000)
  }
  return {
    address: (address) => hit(`ip:${digest(address)}`, limits.perAddressPerMinute),
    account: (kind, account) =>
      hit(`acct:${kind}:${digest(account.toLowerCase())}`, limits.perAccountPerMinute),
  }
}
