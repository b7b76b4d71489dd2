import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable } from '@fedhub/shared/entities'
import type { KeyValueStore } from '@fedhub/shared/transports'

/** Upstream writes `last_seen` on every request; once per identity per 30 s says the same. */
export const LAST_SEEN_INTERVAL_MS = 30_000

/**
 * Sets `last_seen` of a user or node to now, at most once per identity per interval across all
 * replicas: the shared store's set-if-absent with expiry decides which request writes.
 */
export async function touchLastSeen(
  em: FedhubEntityManager,
  kv: KeyValueStore,
  id: number,
  now: Date = new Date(),
): Promise<boolean> {
  const first = await kv.set(`last-seen:${id}`, String(now.getTime()), {
    ttlMs: LAST_SEEN_INTERVAL_MS,
    onlyIfAbsent: true,
  })
  if (!first) return false
  // A direct update: it must not bump version columns or race a concurrent edit of the row.
  await em.nativeUpdate(Authenticatable, { id }, { lastSeen: now })
  return true
}
