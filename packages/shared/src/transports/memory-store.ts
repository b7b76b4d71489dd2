import type { KeyValueStore } from './types.ts'

export interface MemoryStoreOptions {
  /** How often expired keys are swept out; reads check expiry themselves. 60 s when absent. */
  sweepIntervalMs?: number
}

interface Entry {
  value: string
  expiresAt: number | undefined
}

/**
 * The key-value store for standalone mode, held in this process, with real expiry.
 *
 * @example
 * const kv = createMemoryStore()
 * await kv.increment('login:alice', { ttlMs: 60_000 }) // 1
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): KeyValueStore {
  const entries = new Map<string, Entry>()
  let closed = false

  function live(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  // Reads already skip expired keys; the sweep only keeps keys nobody reads from piling up.
  const sweep = setInterval(() => {
    const now = Date.now()
    for (const [key, entry] of entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) entries.delete(key)
    }
  }, options.sweepIntervalMs ?? 60_000).unref()

  return {
    async get(key) {
      return live(key)?.value
    },

    async set(key, value, setOptions = {}) {
      if (setOptions.onlyIfAbsent && live(key) !== undefined) return false
      const { ttlMs } = setOptions
      entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs })
      return true
    },

    async delete(key) {
      entries.delete(key)
    },

    async increment(key, incrementOptions = {}) {
      const { by = 1, ttlMs } = incrementOptions
      const entry = live(key)
      if (entry === undefined) {
        const expiresAt = ttlMs !== undefined && ttlMs > 0 ? Date.now() + ttlMs : undefined
        entries.set(key, { value: String(by), expiresAt })
        return by
      }
      const current = Number(entry.value)
      // Same refusal as Redis, so standalone cannot hide a bug the cluster would show.
      if (!Number.isSafeInteger(current) || !/^-?\d+$/.test(entry.value)) {
        throw new Error(`value of '${key}' is not an integer`)
      }
      entry.value = String(current + by)
      return current + by
    },

    async ttl(key) {
      const expiresAt = live(key)?.expiresAt
      return expiresAt === undefined ? undefined : Math.max(0, expiresAt - Date.now())
    },

    async isReady() {
      return !closed
    },

    async close() {
      closed = true
      clearInterval(sweep)
      entries.clear()
    },
  }
}
