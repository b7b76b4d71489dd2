import { Redis, ReplyError } from 'ioredis'
import { errors } from '../errors/index.ts'
import type { Logger } from '../logging/index.ts'
import { closeRedis } from './redis-close.ts'
import { logRedisErrors } from './redis-errors.ts'
import type { KeyValueStore } from './types.ts'

export interface RedisStoreOptions {
  url: string
  /** Put in front of every key, so services (and tests) sharing one Redis stay apart. */
  keyPrefix?: string
  logger: Logger
}

// INCRBY and PEXPIRE in one script, so no replica can see a counter that never expires.
const INCREMENT_SCRIPT = `
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`

/**
 * The key-value store for the distributed deployment, on Redis through ioredis. Reconnects for
 * ever; commands issued while disconnected wait in ioredis's offline queue.
 *
 * @example
 * const kv = createRedisStore({ url: 'redis://127.0.0.1:6379', keyPrefix: 'auth:', logger })
 * await kv.set('lock:7', '1', { ttlMs: 30_000, onlyIfAbsent: true })
 */
export function createRedisStore(options: RedisStoreOptions): KeyValueStore {
  const log = options.logger.child({ component: 'redis-store' })
  const redis = new Redis(options.url, {
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    connectionName: 'fedhub-kv',
    // During an outage a command fails after one reconnection attempt, so callers answer
    // promptly instead of hanging for twenty.
    maxRetriesPerRequest: 1,
  })
  logRedisErrors(redis, log, 'kv')

  const store: KeyValueStore = {
    async get(key) {
      return (await redis.get(key)) ?? undefined
    },

    async set(key, value, setOptions = {}) {
      const { ttlMs, onlyIfAbsent } = setOptions
      let answer: string | null
      if (ttlMs !== undefined && onlyIfAbsent)
        answer = await redis.set(key, value, 'PX', ttlMs, 'NX')
      else if (ttlMs !== undefined) answer = await redis.set(key, value, 'PX', ttlMs)
      else if (onlyIfAbsent) answer = await redis.set(key, value, 'NX')
      else answer = await redis.set(key, value)
      return answer === 'OK'
    },

    async delete(key) {
      await redis.del(key)
    },

    async increment(key, incrementOptions = {}) {
      const { by = 1, ttlMs = 0 } = incrementOptions
      // ioredis puts the key prefix on KEYS of EVAL too.
      const value = await redis.eval(INCREMENT_SCRIPT, 1, key, by, ttlMs)
      return Number(value)
    },

    async ttl(key) {
      const remaining = await redis.pttl(key)
      // -2: no such key; -1: the key never expires.
      return remaining < 0 ? undefined : remaining
    },

    async isReady() {
      return redis.status === 'ready'
    },

    async close() {
      await closeRedis(redis)
    },
  }
  return withOutageAnswers(store)
}

// ioredis errors are not ReplyErrors only when the connection is down; callers then get a 503
// that says so, instead of an opaque 500.
function withOutageAnswers(store: KeyValueStore): KeyValueStore {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args)
      } catch (error) {
        if (error instanceof ReplyError) throw error
        throw errors.serviceUnavailable('The shared store is unreachable; try again shortly')
      }
    }
  return {
    get: guard(store.get),
    set: guard(store.set),
    delete: guard(store.delete),
    increment: guard(store.increment),
    ttl: guard(store.ttl),
    isReady: store.isReady,
    close: store.close,
  }
}
