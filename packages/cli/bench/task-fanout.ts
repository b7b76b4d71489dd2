// Benchmark: time from a task's POST returning to each of many nodes hearing `new_task`.
// Run: bash -c 'ulimit -n 20000; npx tsx packages/cli/bench/task-fanout.ts 1000 20'
// Arguments: nodes (default 1000), tasks (default 20).
// Starts `fedhub cluster` with two replicas of each service over the local PostgreSQL, Redis and
// NATS, writes one collaboration of `nodes` organizations with a node each into its database
// (root's organization joins, so root may post tasks), and runs that many simulated nodes in
// listen mode in this process, alternating between the two gateway replicas over websocket.
// After one warm-up task, it posts the tasks one at a time, each with a run for every
// organization, and waits until every node heard of it before the next.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase } from '@fedhub/shared/testing'
import { startCluster } from '../src/cluster/index.ts'
import { type SimulatedFleet, startSimulatedNodes } from '../src/node-sim/index.ts'
import { encodePayload } from '../src/node-sim/payload-encoding.ts'
import {
  insertNetwork,
  loadLine,
  print,
  quantile,
  sleep,
  sql,
  writeBenchConfig,
} from './bench-support.ts'

const nodeCount = Number(process.argv[2] ?? 1_000)
const taskCount = Number(process.argv[3] ?? 20)
const ROOT_PASSWORD = 'Bench-root-Passw0rd!'
const now = () => performance.timeOrigin + performance.now()

const tag = `bench${Date.now()}`
const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-bench-'))
const database = await createScratchDatabase('postgresql')
const cluster = await startCluster(
  {
    port: 0,
    replicas: 2,
    fresh: true,
    databaseUri: database.uri,
    dataDir,
    redisKeyPrefix: `${tag}:`,
    natsNamespace: tag,
  },
  {
    env: {
      ...process.env,
      FEDHUB_CONFIG: writeBenchConfig(dataDir),
      FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD,
      FEDHUB_LOG_LEVEL: 'WARNING',
    },
    dropStreamsOnStop: true,
    logger: createLogger({ level: 'warn', service: 'bench' }),
  },
)

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${cluster.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? null : JSON.stringify(body),
  })
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

let fleet: SimulatedFleet | undefined
try {
  const nodes = await insertNetwork(database.uri, dataDir, {
    nodes: nodeCount,
    perCollaboration: nodeCount,
    tag,
  })
  const collaborationId = nodes[0]?.collaborationId as number
  await sql(
    database.uri,
    `insert into "Member" (collaboration_id, organization_id)
     select $1, organization_id from "user" where username = 'root'`,
    [collaborationId],
  )
  const gateways = cluster.replicas('socket-gateway').map((replica) => replica.url)
  let started = performance.now()
  fleet = await startSimulatedNodes({
    nodes: nodes.map((node) => ({ apiKey: node.apiKey, databases: [] })),
    serverUrl: cluster.url,
    socketUrls: gateways,
    mode: 'listen',
    transports: ['websocket'],
    refreshOnError: false,
    startConcurrency: 32,
    logger: createLogger({ level: 'silent', service: 'bench-nodes' }),
  })
  await Promise.all(fleet.nodes.map((node) => node.whenOnline()))
  print(
    `${nodeCount} nodes online on ${gateways.length} gateway replicas in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s; ${loadLine()}`,
  )

  const { access_token: root } = await api<{ access_token: string }>('POST', '/token/user', '', {
    username: 'root',
    password: ROOT_PASSWORD,
  })
  const input = encodePayload({ method: 'partial', kwargs: { column: 'age' } })
  const organizations = nodes.map((node) => ({ id: node.organizationId, input }))
  const postTask = (name: string) =>
    api<{ id: number }>('POST', '/task', root, {
      name,
      image: 'fedhub/count',
      collaboration_id: collaborationId,
      organizations,
      databases: [{ label: 'default' }],
    })

  // The warm-up task also proves every socket joined its collaboration's room.
  const warmUp = await postTask('warm-up')
  await fleet.waitForNewTask(warmUp.id, 120_000)

  const lastNode: number[] = []
  const firstNode: number[] = []
  const every: number[] = []
  const postMs: number[] = []
  for (let index = 0; index < taskCount; index++) {
    await sleep(200 + Math.random() * 300)
    started = performance.now()
    const task = await postTask(`fan-out ${index + 1}`)
    const posted = now()
    postMs.push(performance.now() - started)
    const arrivals = (await fleet.waitForNewTask(task.id, 120_000))
      .map((arrival) => arrival.at - posted)
      .sort((a, b) => a - b)
    firstNode.push(arrivals[0] as number)
    lastNode.push(arrivals[arrivals.length - 1] as number)
    every.push(...arrivals)
  }
  const row = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const cells = [0.5, 0.99, 1].map((q) => quantile(sorted, q).toFixed(1).padStart(8))
    print(`${label.padEnd(28)}${cells.join('')}`)
  }
  print(`${taskCount} tasks, ${nodeCount} arrivals each; ${loadLine()}`)
  print(`${'ms after the POST returned'.padEnd(28)}  median     p99     max`)
  row('first node, per task', firstNode)
  row('last node, per task', lastNode)
  row('every arrival', every)
  row('POST /task itself', postMs)
} finally {
  await fleet?.stop()
  await cluster.stop()
  await database.drop()
}
