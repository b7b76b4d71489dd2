import type { Logger } from '@fedhub/shared/logging'
import { Redis } from 'ioredis'
import type { IdentityKey, PresenceInfo, PresenceStore } from './presence-store.ts'
import { identityKey } from './presence-store.ts'

// Keys: `presence:conn:<identity>` a sorted set of connection ids scored by expiry,
// `presence:info:<identity>` what the sweeper announces, `presence:index` every identity with
// entries. Each script works on one identity atomically, so a connect on one replica and a
// disconnect or sweep on another never both believe they saw the last connection.
const ADD = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local first = redis.call('ZCARD', KEYS[1]) == 0
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('SET', KEYS[2], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[5])
if first then return 1 end
return 0
`
const REFRESH = `
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2]) end
return 0
`
const REMOVE = `
if redis.call('ZREM', KEYS[1], ARGV[2]) == 0 then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[3])
return 1
`
const SWEEP_ONE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return false end
local info = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SREM', KEYS[3], ARGV[2])
return info or ''
`

const INDEX = 'presence:index'
const connKey = (key: IdentityKey) => `presence:conn:${key}`
const infoKey = (key: IdentityKey) => `presence:info:${key}`

/** Presence in Redis, shared by every gateway replica. */
export function createRedisPresence(options: {
  url: string
  keyPrefix: string
  logger: Logger
}): PresenceStore {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    connectionName: 'fedhub-presence',
    maxRetriesPerRequest: 1,
  })
  const log = options.logger.child({ component: 'presence' })
  redis.on('error', (err) => log.debug({ err }, 'presence redis error'))
  const run = (script: string, key: IdentityKey, args: Array<string | number>) =>
    redis.eval(script, 3, connKey(key), infoKey(key), INDEX, ...args)

  return {
    async add(info, connectionId, now, ttlMs) {
      const key = identityKey(info.type, info.id)
      const first = await run(ADD, key, [now, now + ttlMs, connectionId, JSON.stringify(info), key])
      return first === 1
    },
    async refresh(key, connectionId, now, ttlMs) {
      await run(REFRESH, key, [now + ttlMs, connectionId])
    },
    async remove(key, connectionId, now) {
      return (await run(REMOVE, key, [now, connectionId, key])) === 1
    },
    async sweep(now) {
      const gone: PresenceInfo[] = []
      for (const member of await redis.smembers(INDEX)) {
        const key = member as IdentityKey
        const info = (await run(SWEEP_ONE, key, [now, key])) as string | null
        if (typeof info === 'string' && info !== '') gone.push(JSON.parse(info) as PresenceInfo)
      }
      return gone
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
