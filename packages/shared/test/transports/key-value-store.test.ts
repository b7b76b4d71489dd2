import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createMemoryStore,
  createRedisStore,
  type KeyValueStore,
} from '../../src/transports/index.ts'
import { REDIS_URL, randomId, silentLogger, waitFor } from './support.ts'

interface StoreFixture {
  name: string
  open(): { store: KeyValueStore; cleanUp(): Promise<void> }
}

const fixtures: StoreFixture[] = [
  {
    name: 'redis',
    open() {
      const keyPrefix = `test:${randomId()}:`
      const store = createRedisStore({ url: REDIS_URL, keyPrefix, logger: silentLogger })
      return {
        store,
        async cleanUp() {
          await store.close()
          const admin = new Redis(REDIS_URL)
          const keys = await admin.keys(`${keyPrefix}*`)
          if (keys.length > 0) await admin.del(...keys)
          await admin.quit()
        },
      }
    },
  },
  {
    name: 'memory',
    open() {
      const store = createMemoryStore()
      return { store, cleanUp: () => store.close() }
    },
  },
]

describe.each(fixtures)('key-value store ($name)', (fixture) => {
  let store: KeyValueStore
  let cleanUp: () => Promise<void>

  beforeEach(() => {
    ;({ store, cleanUp } = fixture.open())
  })

  afterEach(async () => {
    await cleanUp()
  })

  it('sets, gets and deletes a value', async () => {
    expect(await store.get('k')).toBeUndefined()
    expect(await store.set('k', 'v1')).toBe(true)
    expect(await store.get('k')).toBe('v1')
    expect(await store.set('k', 'v2')).toBe(true)
    expect(await store.get('k')).toBe('v2')
    await store.delete('k')
    expect(await store.get('k')).toBeUndefined()
  })

  it('sets only an absent key when asked, and says whether it did', async () => {
    expect(await store.set('lock', 'a', { onlyIfAbsent: true })).toBe(true)
    expect(await store.set('lock', 'b', { onlyIfAbsent: true })).toBe(false)
    expect(await store.get('lock')).toBe('a')
    expect(await store.set('lock', 'c', { onlyIfAbsent: true, ttlMs: 5_000 })).toBe(false)
    expect(await store.ttl('lock')).toBeUndefined()
  })

  it('expires a value after its time to live, which frees an only-if-absent set', async () => {
    expect(await store.set('short', 'v', { ttlMs: 150, onlyIfAbsent: true })).toBe(true)
    const remaining = await store.ttl('short')
    expect(remaining).toBeGreaterThan(0)
    expect(remaining).toBeLessThanOrEqual(150)
    await waitFor('the expiry', async () => (await store.get('short')) === undefined, {
      timeoutMs: 5_000,
    })
    expect(await store.ttl('short')).toBeUndefined()
    expect(await store.set('short', 'w', { ttlMs: 5_000, onlyIfAbsent: true })).toBe(true)
  })

  it('answers no ttl for a missing key or one that never expires', async () => {
    expect(await store.ttl('missing')).toBeUndefined()
    await store.set('forever', 'v')
    expect(await store.ttl('forever')).toBeUndefined()
  })

  it('increments atomically under 200 concurrent calls', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => store.increment('counter', { ttlMs: 60_000 })),
    )
    expect([...answers].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(await store.get('counter')).toBe('200')
  })

  it('increments by a step and applies the ttl only when it creates the key', async () => {
    expect(await store.increment('failures', { by: 5, ttlMs: 30_000 })).toBe(5)
    expect(await store.increment('failures', { by: 2, ttlMs: 100 })).toBe(7)
    const remaining = await store.ttl('failures')
    expect(remaining).toBeGreaterThan(20_000)
    expect(remaining).toBeLessThanOrEqual(30_000)
    expect(await store.increment('plain')).toBe(1)
    expect(await store.ttl('plain')).toBeUndefined()
  })

  it('starts a counter afresh once it has expired', async () => {
    await store.increment('window', { ttlMs: 150 })
    await store.increment('window', { ttlMs: 150 })
    await waitFor('the expiry', async () => (await store.get('window')) === undefined, {
      timeoutMs: 5_000,
    })
    expect(await store.increment('window', { ttlMs: 150 })).toBe(1)
  })

  it('refuses to increment a value that is not an integer', async () => {
    await store.set('text', 'abc')
    await expect(store.increment('text')).rejects.toThrow()
  })

  it('reports ready while open and not ready after close', async () => {
    await waitFor('the connection', () => store.isReady())
    await store.close()
    expect(await store.isReady()).toBe(false)
  })
})
