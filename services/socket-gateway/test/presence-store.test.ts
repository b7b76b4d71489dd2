import { randomUUID } from 'node:crypto'
import { createLogger } from '@fedhub/shared/logging'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryPresence } from '../src/presence/memory-presence.ts'
import type { PresenceInfo, PresenceStore } from '../src/presence/presence-store.ts'
import { createRedisPresence } from '../src/presence/redis-presence.ts'

const REDIS_URL = process.env.FEDHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const TTL = 10_000

const node = (id: number): PresenceInfo => ({
  type: 'node',
  id,
  name: `node ${id}`,
  organizationId: 3,
  rooms: ['all_nodes', 'collaboration_1', 'collaboration_1_organization_3'],
})

const stores: Array<[string, () => PresenceStore]> = [
  ['memory', () => createMemoryPresence()],
  [
    'redis',
    () =>
      createRedisPresence({
        url: REDIS_URL,
        keyPrefix: `presence-test-${randomUUID()}:`,
        logger: createLogger({ level: 'silent', service: 'test' }),
      }),
  ],
]

describe.each(stores)('presence store (%s)', (_name, create) => {
  let store: PresenceStore
  afterEach(async () => {
    await store.close()
  })

  it('reports only the first connection online and only the last one offline', async () => {
    store = create()
    expect(await store.add(node(7), 'a', 1_000, TTL)).toBe(true)
    expect(await store.add(node(7), 'b', 2_000, TTL)).toBe(false)
    expect(await store.remove('node:7', 'a', 3_000)).toBe(false)
    expect(await store.remove('node:7', 'b', 4_000)).toBe(true)
    expect(await store.remove('node:7', 'b', 4_000)).toBe(false)
  })

  it('keeps a node that reconnected elsewhere online when its old connection ends late', async () => {
    store = create()
    await store.add(node(8), 'old', 1_000, TTL)
    // The node reconnects to another replica before the old socket is noticed dead.
    expect(await store.add(node(8), 'new', 5_000, TTL)).toBe(false)
    expect(await store.remove('node:8', 'old', 6_000)).toBe(false)
    // Still alive before the new connection's own expiry (5 s + 10 s).
    expect(await store.sweep(14_000)).toEqual([])
  })

  it('sweeps identities whose every connection expired, once, with what to announce', async () => {
    store = create()
    await store.add(node(9), 'dead-replica', 1_000, TTL)
    await store.add(node(10), 'live', 1_000, TTL)
    await store.refresh('node:10', 'live', 9_000, TTL)
    expect(await store.sweep(5_000)).toEqual([])
    expect(await store.sweep(12_000)).toEqual([node(9)])
    expect(await store.sweep(12_000)).toEqual([])
    // A connection that expired counts as gone when a new one arrives.
    expect(await store.add(node(9), 'back', 13_000, TTL)).toBe(true)
  })

  it('does not bring back a swept connection with a late heartbeat', async () => {
    store = create()
    await store.add(node(11), 'c', 1_000, TTL)
    expect(await store.sweep(20_000)).toEqual([node(11)])
    await store.refresh('node:11', 'c', 21_000, TTL)
    expect(await store.add(node(11), 'd', 22_000, TTL)).toBe(true)
  })
})
