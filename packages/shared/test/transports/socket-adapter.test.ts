import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Redis } from 'ioredis'
import { Server } from 'socket.io'
import { type Socket as ClientSocket, io as connectClient } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { createSocketAdapter, type SocketAdapter } from '../../src/transports/index.ts'
import { REDIS_URL, randomId, silentLogger, waitFor } from './support.ts'

interface Running {
  io: Server
  port: number
}

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanUp of cleanups.splice(0).reverse()) await cleanUp()
})

/** A socket.io server on a free loopback port whose sockets join `room` on connection. */
async function startServer(sockets: SocketAdapter, room: string): Promise<Running> {
  const http = createServer()
  const io = new Server(http)
  io.adapter(sockets.adapter)
  io.on('connection', (socket) => {
    void socket.join(room)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    await io.close()
    await sockets.close()
  })
  return { io, port: (http.address() as AddressInfo).port }
}

async function connectTo(server: Running, room: string): Promise<ClientSocket> {
  const client = connectClient(`http://127.0.0.1:${server.port}`, { transports: ['websocket'] })
  cleanups.push(async () => {
    client.disconnect()
  })
  // Connected on the client side is not yet joined on the server side.
  await waitFor('the room join', () => (server.io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0)
  return client
}

describe('socket adapter', () => {
  it('carries a room broadcast from one server to a client of another through Redis', async () => {
    const room = `room-${randomId()}`
    const serverA = await startServer(createSocketAdapter({ redisUrl: REDIS_URL }), room)
    const serverB = await startServer(createSocketAdapter({ redisUrl: REDIS_URL }), room)
    const client = await connectTo(serverB, room)
    const got: unknown[] = []
    client.on('new_task', (data: unknown) => got.push(data))
    // Repeated until it arrives, since the subscriber may still be subscribing.
    await waitFor(
      'the broadcast from server A',
      () => {
        serverA.io.to(room).emit('new_task', { id: 3 })
        return got.length > 0
      },
      { intervalMs: 100 },
    )
    expect(got[0]).toEqual({ id: 3 })
  })

  it('delivers a room broadcast within one server on the in-memory adapter', async () => {
    const room = `room-${randomId()}`
    const sockets = createSocketAdapter()
    const server = await startServer(sockets, room)
    const client = await connectTo(server, room)
    const got: unknown[] = []
    client.on('new_task', (data: unknown) => got.push(data))
    server.io.to(room).emit('new_task', { id: 4 })
    await waitFor('the broadcast', () => got.length > 0)
    expect(got).toEqual([{ id: 4 }])
  })

  it('reports a reconnect of the Redis subscriber', async () => {
    const name = `fedhub-test-${randomId()}`
    const sockets = createSocketAdapter({
      redisUrl: REDIS_URL,
      logger: silentLogger,
      connectionName: name,
    })
    let reconnects = 0
    sockets.onReconnect(() => reconnects++)
    await startServer(sockets, `room-${randomId()}`)
    const admin = new Redis(REDIS_URL)
    cleanups.push(async () => {
      await admin.quit()
    })
    const subscriberId = async () => {
      const list = (await admin.client('LIST')) as string
      // Subscriptions exist only after the first 'ready', which must not be the one we cause.
      const line = list
        .split('\n')
        .find((l) => l.includes(` name=${name}-sub `) && /\bp?sub=[1-9]/.test(l))
      return line?.match(/^id=(\d+) /)?.[1]
    }
    await waitFor('the subscriber connection', async () => (await subscriberId()) !== undefined)
    expect(reconnects).toBe(0)
    await admin.client('KILL', 'ID', (await subscriberId())!)
    await waitFor('the reconnect', () => reconnects === 1)
  })
})
