// Benchmark: how many node sockets one gateway replica holds, and the memory each costs.
// Run: bash -c 'ulimit -n 20000; npx tsx packages/cli/bench/gateway-connections.ts 10000'
// Starts `fedhub cluster` with one replica of each service over the local PostgreSQL, Redis and
// NATS, opens websocket connections with one node's token in steps, waits for each `sync`
// (identified, rooms joined), and reads the gateway's resident memory after each step.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase } from '@fedhub/shared/testing'
import { io, type Socket } from 'socket.io-client'
import { startCluster } from '../src/cluster/index.ts'

const target = Number(process.argv[2] ?? 10_000)
const steps = [1_000, 2_500, 5_000, 7_500, 10_000, 15_000].filter((n) => n <= target)
const BATCH = 250
const ROOT_PASSWORD = 'Bench-root-Passw0rd!'

const rssMiB = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kib / 1024
}

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/api${path}`, {
    method,
    headers: {
      ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/tasks`, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { Authorization: `Bearer ${token}` },
      reconnection: false,
      forceNew: true,
      timeout: 120_000,
    })
    const timer = setTimeout(() => reject(new Error('no sync within 120 s')), 120_000)
    socket.once('sync', () => {
      clearTimeout(timer)
      resolve(socket)
    })
    socket.once('connect_error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
}

const database = await createScratchDatabase('postgresql')
const cluster = await startCluster(
  {
    port: 0,
    replicas: 1,
    fresh: true,
    databaseUri: database.uri,
    dataDir: mkdtempSync(join(tmpdir(), 'fedhub-bench-')),
    redisKeyPrefix: `bench-${Date.now()}:`,
    natsNamespace: `bench${Date.now()}`,
  },
  {
    env: { ...process.env, FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD, FEDHUB_LOG_LEVEL: 'WARNING' },
    dropStreamsOnStop: true,
    logger: createLogger({ level: 'warn', service: 'bench' }),
  },
)
const sockets: Socket[] = []
try {
  const { access_token: root } = await api<{ access_token: string }>(
    cluster.url,
    '',
    'POST',
    '/token/user',
    {
      username: 'root',
      password: ROOT_PASSWORD,
    },
  )
  const org = await api<{ id: number }>(cluster.url, root, 'POST', '/organization', {
    name: 'bench',
  })
  const collab = await api<{ id: number }>(cluster.url, root, 'POST', '/collaboration', {
    name: 'bench',
    organization_ids: [org.id],
    encrypted: false,
  })
  const node = await api<{ api_key: string }>(cluster.url, root, 'POST', '/node', {
    collaboration_id: collab.id,
    organization_id: org.id,
  })
  const { access_token: token } = await api<{ access_token: string }>(
    cluster.url,
    '',
    'POST',
    '/token/node',
    {
      api_key: node.api_key,
    },
  )
  const gateway = cluster.replicas('socket-gateway')[0]
  if (gateway?.pid === undefined) throw new Error('no gateway replica')
  const baseline = rssMiB(gateway.pid)
  process.stdout.write(`gateway baseline RSS ${baseline.toFixed(1)} MiB\n`)
  process.stdout.write('sockets  rss_mib  kib_per_socket  connect_s\n')
  for (const step of steps) {
    const started = Date.now()
    while (sockets.length < step) {
      const batch = Math.min(BATCH, step - sockets.length)
      sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => connect(gateway.url, token)))),
      )
    }
    const seconds = (Date.now() - started) / 1000
    // Let the heap settle before reading memory.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const rss = rssMiB(gateway.pid)
    const perSocket = ((rss - baseline) * 1024) / sockets.length
    process.stdout.write(
      `${String(sockets.length).padStart(7)}  ${rss.toFixed(1).padStart(7)}  ${perSocket.toFixed(1).padStart(14)}  ${seconds.toFixed(1).padStart(9)}\n`,
    )
  }
} finally {
  for (const socket of sockets) socket.disconnect()
  await cluster.stop()
  await database.drop()
}
