// Benchmark: how many node sockets one gateway replica holds, and the memory each costs.
// Run: bash -c 'ulimit -n 20000; npx tsx packages/cli/bench/gateway-connections.ts 10000'
// Options: --steps 1000,2500,5000,10000  --clients 2 (child processes holding the sockets)
//          --collaboration-size 10  --settle-s 10  --in-flight 50 (handshakes per child)
// Starts `fedhub cluster` with one replica of each service over the local PostgreSQL, Redis and
// NATS, writes one organization and node per socket into its database (collaborations of 10),
// signs each node a token, then opens websocket connections in steps, each waiting for its
// `sync`, and reads the gateway's resident memory once the step has settled.
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase } from '@fedhub/shared/testing'
import { startCluster } from '../src/cluster/index.ts'
import { insertNetwork, loadLine, print, rssMiB, signNodeTokens, sleep } from './bench-support.ts'
import type { OpenerReply, OpenerRequest } from './socket-opener.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: 'string', default: '1000,2500,5000,10000' },
    clients: { type: 'string', default: '2' },
    'collaboration-size': { type: 'string', default: '10' },
    'settle-s': { type: 'string', default: '10' },
    'in-flight': { type: 'string', default: '50' },
  },
})
const target = Number(positionals[0] ?? 10_000)
const steps = [
  ...values.steps
    .split(',')
    .map(Number)
    .filter((n) => n < target),
  target,
]
const clientCount = Number(values.clients)
const settleMs = Number(values['settle-s']) * 1000

const tag = `bench${Date.now()}`
const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-bench-'))
const database = await createScratchDatabase('postgresql')
const cluster = await startCluster(
  {
    port: 0,
    replicas: 1,
    fresh: true,
    databaseUri: database.uri,
    dataDir,
    redisKeyPrefix: `${tag}:`,
    natsNamespace: tag,
  },
  {
    env: { ...process.env, FEDHUB_LOG_LEVEL: 'WARNING' },
    dropStreamsOnStop: true,
    logger: createLogger({ level: 'warn', service: 'bench' }),
  },
)
const clients: ChildProcess[] = []
try {
  const nodes = await insertNetwork(database.uri, dataDir, {
    nodes: target,
    perCollaboration: Number(values['collaboration-size']),
    tag,
  })
  const tokens = await signNodeTokens(
    dataDir,
    nodes.map((node) => node.id),
  )
  const gateway = cluster.replicas('socket-gateway')[0]
  if (gateway?.pid === undefined) throw new Error('no gateway replica')
  for (let index = 0; index < clientCount; index++) {
    clients.push(fork(new URL('./socket-opener.ts', import.meta.url)))
  }
  const ask = (client: ChildProcess, request: OpenerRequest) =>
    new Promise<OpenerReply>((resolve) => {
      client.once('message', (reply: OpenerReply) => resolve(reply))
      client.send(request)
    })

  await sleep(settleMs)
  const baseline = rssMiB(gateway.pid)
  print(`${target} node sockets on one gateway replica, ${clientCount} client processes`)
  print(`gateway baseline RSS ${baseline.toFixed(1)} MiB; ${loadLine()}`)
  print('sockets  failed  dropped  connect_s  rss_mib  kib_per_socket  load_1m')
  let opened = 0
  for (const step of steps) {
    const share = tokens.slice(opened, step)
    const started = performance.now()
    const replies = await Promise.all(
      clients.map((client, index) =>
        ask(client, {
          kind: 'open',
          url: gateway.url,
          tokens: share.filter((_, i) => i % clientCount === index),
          inFlight: Number(values['in-flight']),
          timeoutMs: 120_000,
        }),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    opened = step
    const sum = (key: 'opened' | 'failed' | 'dropped') =>
      replies.reduce((total, reply) => total + reply[key], 0)
    await sleep(settleMs)
    const rss = rssMiB(gateway.pid)
    const held = step - sum('failed')
    print(
      [
        String(step).padStart(7),
        String(sum('failed')).padStart(6),
        String(sum('dropped')).padStart(7),
        seconds.toFixed(1).padStart(9),
        rss.toFixed(1).padStart(7),
        (((rss - baseline) * 1024) / held).toFixed(1).padStart(14),
        (loadavg()[0] ?? 0).toFixed(2).padStart(7),
      ].join('  '),
    )
    const error = replies.find((reply) => reply.firstError !== undefined)?.firstError
    if (error !== undefined) print(`  first failure: ${error}`)
  }
} finally {
  for (const client of clients) if (client.connected) client.send({ kind: 'close' })
  await cluster.stop()
  await database.drop()
}
