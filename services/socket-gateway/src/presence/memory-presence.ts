import type { IdentityKey, PresenceInfo, PresenceStore } from './presence-store.ts'
import { identityKey } from './presence-store.ts'

interface Entry {
  info: PresenceInfo
  /** Connection id → expiry (epoch ms). */
  connections: Map<string, number>
}

/** Presence for standalone: one process, so a map is the whole truth. */
export function createMemoryPresence(): PresenceStore {
  const entries = new Map<IdentityKey, Entry>()
  const prune = (entry: Entry, now: number) => {
    for (const [id, expiry] of entry.connections) if (expiry <= now) entry.connections.delete(id)
  }
  return {
    async add(info, connectionId, now, ttlMs) {
      const key = identityKey(info.type, info.id)
      const entry = entries.get(key) ?? { info, connections: new Map() }
      prune(entry, now)
      const first = entry.connections.size === 0
      entry.info = info
      entry.connections.set(connectionId, now + ttlMs)
      entries.set(key, entry)
      return first
    },
    async refresh(key, connectionId, now, ttlMs) {
      const entry = entries.get(key)
      if (entry?.connections.has(connectionId)) entry.connections.set(connectionId, now + ttlMs)
    },
    async remove(key, connectionId, now) {
      const entry = entries.get(key)
      if (entry === undefined || !entry.connections.delete(connectionId)) return false
      prune(entry, now)
      if (entry.connections.size > 0) return false
      entries.delete(key)
      return true
    },
    async sweep(now) {
      const gone: PresenceInfo[] = []
      for (const [key, entry] of entries) {
        prune(entry, now)
        if (entry.connections.size === 0) {
          entries.delete(key)
          gone.push(entry.info)
        }
      }
      return gone
    },
    async close() {},
  }
}
