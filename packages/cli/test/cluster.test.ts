import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { type AddressInfo, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { createLogger } from '@fedhub/shared/logging'
import { TEST_PG_SERVER } from '@fedhub/shared/testing'
import pg from 'pg'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AFFINITY_COOKIE,
  type Cluster,
  REPLICA_HEADER,
  startCluster,
} from '../src/cluster/index.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const DEADLINE_MS = Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 60_000)
const POLL_MS = 100
const ROOT_PASSWORD = 'cluster-root-password'
// Starting eight replicas on a two-core machine takes a while; stopping them is quicker.
const START_TIMEOUT_MS = Math.max(DEADLINE_MS, 120_000) * 2

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS
  while (Date.now() < deadline) {
    if (await condition()) return
    await delay(POLL_MS)
  }
  throw new Error(`${what}: not within ${DEADLINE_MS} ms`)
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** An Engine.IO long-polling client by hand, replaying cookies as the Python client does. */
interface PollingSession {
  sid: string
  cookie: string
  replica: string
}

function pinOf(response: Response): string | undefined {
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith(`${AFFINITY_COOKIE}=`))
  return cookie?.split(';')[0]
}

async function handshake(url: string, cookie?: string): Promise<PollingSession> {
  const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
    headers: cookie === undefined ? {} : { cookie },
  })
  expect(response.status).toBe(200)
  const body = await response.text()
  const { sid } = JSON.parse(body.slice(1)) as { sid: string }
  const replica = response.headers.get(REPLICA_HEADER) ?? ''
  return { sid, cookie: pinOf(response) ?? cookie ?? '', replica }
}

function poll(url: string, session: PollingSession, method: 'GET' | 'POST', body?: string) {
  return fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${session.sid}`, {
    method,
    headers: { cookie: session.cookie, 'content-type': 'text/plain;charset=UTF-8' },
    ...(body === undefined ? {} : { body }),
  })
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
}

describe('fedhub cluster: two replicas of every service behind one entry point', () => {
  const databaseName = `fedhub_test_cluster_${randomBytes(6).toString('hex')}`
  const sockets: Socket[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-cluster-'))
  let cluster: Cluster | undefined
  let url: string

  function live(): Cluster {
    if (cluster === undefined) throw new Error('the cluster did not start')
    return cluster
  }

  beforeAll(async () => {
    cluster = await startCluster(
      {
        port: 0,
        fresh: true,
        databaseUri: `${TEST_PG_SERVER}/${databaseName}`,
        redisUrl: process.env.FEDHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        natsUrl: process.env.FEDHUB_TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
        dataDir,
        logDir: join(dataDir, 'logs'),
        redisKeyPrefix: `fedhub-test-${randomBytes(4).toString('hex')}:`,
        natsNamespace: `test${randomBytes(4).toString('hex')}`,
        healthIntervalMs: 200,
        healthTimeoutMs: 1_000,
        startTimeoutMs: START_TIMEOUT_MS,
      },
      {
        env: {
          ...process.env,
          FEDHUB_BCRYPT_ROUNDS: '4',
          FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD,
          FEDHUB_LOG_LEVEL: 'WARNING',
        },
        dropStreamsOnStop: true,
        logger: createLogger({ level: 'warn', service: 'fedhub-cluster' }),
      },
    )
    url = cluster.url
  }, START_TIMEOUT_MS)

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect()
    if (cluster !== undefined) {
      for (const index of [0, 1]) cluster.kill('socket-gateway', index, 'SIGCONT')
      await cluster.stop()
    }
    await onServer(`drop database if exists "${databaseName}" with (force)`)
    rmSync(dataDir, { recursive: true, force: true })
  }, START_TIMEOUT_MS)

  it('created the database and serves it: the API answers through the entry point', async () => {
    const response = await fetch(`${url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ database: true })
  })

  it('spreads API requests over both core-api replicas, naming each in a header', async () => {
    const answered = new Set<string>()
    for (let round = 0; round < 6; round++) {
      const response = await fetch(`${url}/api/version`)
      expect(await response.json()).toEqual({ version: '4.14.0' })
      answered.add(response.headers.get(REPLICA_HEADER) ?? 'none')
    }
    expect([...answered].sort()).toEqual(['core-api-0', 'core-api-1'])
  })

  it("announces the entry point's own idle timeout, not a replica's", async () => {
    const response = await fetch(`${url}/api/version`)
    await response.arrayBuffer()
    // A replica's longer timeout would let clients reuse connections this server has closed.
    expect(response.headers.get('keep-alive')).toBe('timeout=5')
  })

  it('logs in at auth through the entry point, and core-api accepts the token', async () => {
    const login = await fetch(`${url}/api/token/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: ROOT_PASSWORD }),
    })
    expect(login.status).toBe(200)
    expect(login.headers.get(REPLICA_HEADER)).toMatch(/^auth-[01]$/)
    const { access_token: token } = (await login.json()) as { access_token: string }
    for (let round = 0; round < 2; round++) {
      const me = await fetch(`${url}/api/user/1`, { headers: { authorization: `Bearer ${token}` } })
      expect(me.status).toBe(200)
      expect(await me.json()).toMatchObject({ id: 1, username: 'root' })
    }
  })

  it('answers paths that no service owns with 404 and a msg', async () => {
    const response = await fetch(`${url}/healthz`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ msg: expect.stringContaining('/healthz') })
  })

  it('keeps a long-polling session on the gateway replica its cookie names', async () => {
    const session = await handshake(url)
    expect(session.cookie).toBe(`${AFFINITY_COOKIE}=${session.replica}`)
    // Every request of the session lands where the session lives; elsewhere it is unknown.
    for (let round = 0; round < 8; round++) {
      const response = await poll(url, session, 'POST', `42["ping",${round}]`)
      expect(await response.text()).toBe('ok')
      expect(response.headers.get(REPLICA_HEADER)).toBe(session.replica)
    }
    // Without the cookie, round robin would spread the session and the other replica refuses it.
    const unpinned = await Promise.all(
      [0, 1].map(() =>
        fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=${session.sid}`, {
          method: 'POST',
          body: '42["ping"]',
        }),
      ),
    )
    expect(unpinned.map((response) => response.status).sort()).toEqual([200, 400])
  })

  it('lets a socket.io-client on long-polling connect and keep sending', async () => {
    const socket = io(url, { transports: ['polling'], withCredentials: true, reconnection: false })
    sockets.push(socket)
    await connected(socket)
    expect(socket.io.engine.transport.name).toBe('polling')
    for (let round = 0; round < 5; round++) {
      const flushed = new Promise<void>((resolve) =>
        socket.io.engine.once('drain', () => resolve()),
      )
      socket.emit('ping', round)
      await flushed
    }
    expect(socket.connected).toBe(true)
  })

  it('lets a polling client upgrade to a websocket on its pinned replica', async () => {
    const socket = io(url, { withCredentials: true, reconnection: false })
    sockets.push(socket)
    await connected(socket)
    await waitFor('upgrade to websocket', () => socket.io.engine.transport.name === 'websocket')
    expect(socket.connected).toBe(true)
  })

  it('connects a websocket-only client', async () => {
    const socket = io(url, { transports: ['websocket'], reconnection: false })
    sockets.push(socket)
    await connected(socket)
    expect(socket.io.engine.transport.name).toBe('websocket')
  })

  it('outlives a websocket client that resets its connection', async () => {
    const { port } = new URL(url)
    const client = connect(Number(port), '127.0.0.1')
    await once(client, 'connect')
    client.write(
      [
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        '',
        '',
      ].join('\r\n'),
    )
    const [answer] = (await once(client, 'data')) as [Buffer]
    expect(answer.toString()).toMatch(/^HTTP\/1\.1 101/)
    // A killed node: its kernel answers with a reset, which the entry point reads as ECONNRESET.
    client.resetAndDestroy()
    await delay(500)
    const response = await fetch(`${url}/api/version`)
    expect(response.status).toBe(200)
  })

  it('moves a client whose gateway was killed to the live replica, which pins it', async () => {
    const cluster = live()
    const session = await handshake(url)
    const index = Number(session.replica.slice(-1))
    const other = `socket-gateway-${1 - index}`
    cluster.kill('socket-gateway', index, 'SIGKILL')

    // The very next request, sent without waiting for the cluster to notice.
    const next = await poll(url, session, 'GET')
    expect(next.headers.get(REPLICA_HEADER)).toBe(other)
    expect(pinOf(next)).toBe(`${AFFINITY_COOKIE}=${other}`)
    // The old session is unknown there, so the client opens a new one, where its cookie says.
    expect(next.status).toBe(400)
    const again = await handshake(url, pinOf(next))
    expect(again.replica).toBe(other)

    await cluster.restart('socket-gateway', index)
    expect(cluster.replicas('socket-gateway').map((replica) => replica.up)).toEqual([true, true])
    const fresh = [await handshake(url), await handshake(url)].map((s) => s.replica)
    expect(fresh.sort()).toEqual(['socket-gateway-0', 'socket-gateway-1'])
  })

  it('takes a stopped (SIGSTOP) gateway out of rotation until it runs again', async () => {
    const cluster = live()
    const session = await handshake(url)
    const index = Number(session.replica.slice(-1))
    cluster.kill('socket-gateway', index, 'SIGSTOP')
    await waitFor('health probes notice the stopped gateway', () => {
      return cluster.replicas('socket-gateway')[index]?.up === false
    })
    const moved = await handshake(url, session.cookie)
    expect(moved.replica).toBe(`socket-gateway-${1 - index}`)

    cluster.kill('socket-gateway', index, 'SIGCONT')
    await waitFor('the gateway takes traffic again', () => {
      return cluster.replicas('socket-gateway')[index]?.up === true
    })
  })

  it('drains every replica on stop', async () => {
    const cluster = live()
    await cluster.stop()
    for (const service of ['core-api', 'auth', 'socket-gateway', 'mailer'] as const) {
      expect(cluster.replicas(service).map((replica) => replica.pid)).toEqual([
        undefined,
        undefined,
      ])
    }
    await expect(fetch(`${url}/api/version`)).rejects.toThrow()
  })
})

describe('fedhub cluster command', () => {
  it('refuses bad flags, naming each, before starting anything', () => {
    const result = spawnSync(
      process.execPath,
      ['packages/cli/bin/fedhub.mjs', 'cluster', '--port', 'seventy', '--replicas', '0'],
      { cwd: ROOT, encoding: 'utf8', timeout: DEADLINE_MS },
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('fedhub cluster cannot start')
    expect(result.stderr).toContain('port')
    expect(result.stderr).toContain('replicas')
  })

  it('names each data service that does not answer, and prepares nothing', async () => {
    // Ports nothing listens on: bound once to find them free, then released.
    const closedPort = async () => {
      const server = createServer().listen(0, '127.0.0.1')
      await once(server, 'listening')
      const { port } = server.address() as AddressInfo
      server.close()
      return port
    }
    const [redisPort, natsPort] = [await closedPort(), await closedPort()]
    const result = spawnSync(
      process.execPath,
      [
        'packages/cli/bin/fedhub.mjs',
        'cluster',
        '--port',
        '0',
        '--redis-url',
        `redis://127.0.0.1:${redisPort}`,
        '--nats-url',
        `nats://127.0.0.1:${natsPort}`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: DEADLINE_MS },
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`Redis at redis://127.0.0.1:${redisPort} does not answer`)
    expect(result.stderr).toContain(`NATS at nats://127.0.0.1:${natsPort} does not answer`)
    expect(result.stderr).not.toContain('PostgreSQL')
    expect(result.stdout).not.toContain('root')
  })
})
