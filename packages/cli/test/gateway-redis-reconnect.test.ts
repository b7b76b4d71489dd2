import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { Redis } from 'ioredis'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StandaloneServer, startStandalone } from '../src/standalone.ts'
import { createSmallNetwork, FedApi, nextEvent, tasksSocket } from './support/fed-api.ts'

const REDIS_URL = process.env.FEDHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

describe('socket gateway over the Redis adapter', () => {
  let server: StandaloneServer
  let socket: Socket | undefined

  beforeAll(async () => {
    const config = testConfig({
      FEDHUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'fedhub-gw-redis-')),
      FEDHUB_PORT: '0',
      FEDHUB_METRICS_PORT: '0',
      FEDHUB_REDIS_URL: REDIS_URL,
      FEDHUB_REDIS_KEY_PREFIX: `gw-redis-${randomBytes(4).toString('hex')}:`,
    })
    server = await startStandalone(config, createLogger({ level: 'silent', service: 'test' }), {
      host: '127.0.0.1',
    })
  })
  afterAll(async () => {
    socket?.disconnect()
    for (const step of server.shutdownSteps()) await step.run()
  })

  it('asks its nodes to sync again once the adapter is back on Redis', async () => {
    const root = await FedApi.login(server.url, 'root', server.generatedRootPassword as string)
    const net = await createSmallNetwork(root, 'gw-redis')
    const { token } = await FedApi.nodeLogin(server.url, net.nodeKeys[0] as string)
    socket = tasksSocket(server.url, token)
    await nextEvent(socket, 'sync')
    const again = nextEvent(socket, 'sync')
    // Broadcasts sent while the adapter's subscriber was away are lost; the node must catch up.
    const admin = new Redis(REDIS_URL)
    try {
      const clients = String(await admin.client('LIST')).split('\n')
      const subscribers = clients.filter((line) => line.includes('name=fedhub-socket-sub'))
      expect(subscribers.length).toBeGreaterThan(0)
      for (const line of subscribers) {
        const id = /\bid=(\d+)/.exec(line)?.[1]
        if (id !== undefined) await admin.client('KILL', 'ID', id)
      }
    } finally {
      admin.disconnect()
    }
    await again
  })
})
