import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase, type ScratchDatabase } from '@fedhub/shared/testing'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../src/cluster/index.ts'
import {
  base64Json,
  collect,
  createResearcher,
  createSmallNetwork,
  eventually,
  expiredNodeToken,
  FedApi,
  nextEvent,
  type SmallNetwork,
  tasksSocket,
} from './support/fed-api.ts'

// Short socket timings, so presence changes happen in seconds; deadlines stay generous.
const SOCKET_ENV = {
  FEDHUB_SOCKET_PING_INTERVAL_S: '1',
  FEDHUB_SOCKET_PING_TIMEOUT_S: '2',
  FEDHUB_SOCKET_PRESENCE_TTL_S: '4',
  FEDHUB_SOCKET_SWEEP_INTERVAL_S: '1',
}
const ROOT_PASSWORD = 'Cluster-root-Passw0rd!'
const requireHere = createRequire(import.meta.url)

describe('socket gateway on two replicas behind the local entry point', () => {
  let cluster: Cluster
  let database: ScratchDatabase
  let root: FedApi
  let researcher: FedApi
  let net: SmallNetwork
  let dataDir: string
  const open: Socket[] = []
  const children: ChildProcess[] = []
  const track = (socket: Socket) => {
    open.push(socket)
    return socket
  }
  const gateway = (index: number) => cluster.replicas('socket-gateway')[index]?.url as string

  beforeAll(async () => {
    database = await createScratchDatabase('postgresql')
    dataDir = mkdtempSync(join(tmpdir(), 'fedhub-gw-cluster-'))
    cluster = await startCluster(
      {
        port: 0,
        fresh: true,
        databaseUri: database.uri,
        dataDir,
        redisKeyPrefix: `gwtest-${process.pid}-${Date.now()}:`,
        natsNamespace: `gwtest${process.pid}${Date.now()}`,
        healthIntervalMs: 200,
        ...(process.env.FEDHUB_TEST_CLUSTER_LOGS === undefined
          ? {}
          : { logDir: process.env.FEDHUB_TEST_CLUSTER_LOGS }),
        stopTimeoutMs: 5_000,
      },
      {
        env: { ...process.env, ...SOCKET_ENV, FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD },
        dropStreamsOnStop: true,
        logger: createLogger({ level: 'silent', service: 'test' }),
      },
    )
    root = await FedApi.login(cluster.url, 'root', ROOT_PASSWORD)
    net = await createSmallNetwork(root, 'gwc')
    researcher = await createResearcher(root, cluster.url, net.organizations[0] as number, 'gwc-r')
  }, 240_000)
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect()
    for (const child of children.splice(0)) child.kill('SIGKILL')
  })
  afterAll(async () => {
    await cluster?.stop()
    await database?.drop()
  })

  const nodeToken = async (apiKey: string) => (await FedApi.nodeLogin(cluster.url, apiKey)).token
  const nodeIdOf = async (organizationId: number, collaborationId = net.collaborationId) => {
    const nodes = await root.call<{ data: Array<{ id: number }> }>(
      'GET',
      `/node?collaboration_id=${collaborationId}&organization_id=${organizationId}`,
    )
    return nodes.data[0]?.id as number
  }
  const statusOf = async (nodeId: number) =>
    (await root.call<{ status: string | null }>('GET', `/node/${nodeId}`)).status

  it('delivers a task to the nodes of its collaboration on both replicas, and status to users', async () => {
    const a = track(tasksSocket(gateway(0), await nodeToken(net.nodeKeys[0] as string)))
    const b = track(tasksSocket(gateway(1), await nodeToken(net.nodeKeys[1] as string)))
    const stranger = track(tasksSocket(gateway(1), await nodeToken(net.otherNodeKey)))
    await Promise.all([nextEvent(a, 'sync'), nextEvent(b, 'sync'), nextEvent(stranger, 'sync')])
    const strangerTasks = collect(stranger, 'new_task')
    const user = track(tasksSocket(gateway(0), researcher.accessToken))
    await nextEvent<string>(user, 'message', (text) => text.startsWith('User <gwc-r> joined'))

    const heardByA = nextEvent<{ id: number }>(a, 'new_task')
    const heardByB = nextEvent<{ id: number }>(b, 'new_task')
    const task = await researcher.call<{ id: number }>('POST', '/task', {
      image: 'fedhub/count',
      collaboration_id: net.collaborationId,
      organizations: net.organizations
        .slice(0, 2)
        .map((id) => ({ id, input: base64Json({ method: 'partial' }) })),
    })
    expect((await heardByA).id).toBe(task.id)
    expect((await heardByB).id).toBe(task.id)

    const runs = await root.call<{ data: Array<{ id: number; organization: { id: number } }> }>(
      'GET',
      `/run?task_id=${task.id}`,
    )
    const runOfB = runs.data.find((run) => run.organization.id === net.organizations[1])
    const heardByUser = nextEvent<{ run_id: number; status: string }>(
      user,
      'algorithm_status_change',
    )
    b.emit('algorithm_status_change', { run_id: runOfB?.id, status: 'initializing' })
    expect(await heardByUser).toMatchObject({ run_id: runOfB?.id, status: 'initializing' })
    expect(strangerTasks).toEqual([])
  })

  it('moves the nodes of a killed gateway to the other one without ever reporting them offline', async () => {
    // Through the entry point over websocket: one connection, so no affinity cookie is needed.
    const nodeSocket = track(
      tasksSocket(cluster.url, await nodeToken(net.nodeKeys[0] as string), {
        transports: ['websocket'],
        reconnection: true,
      }),
    )
    await nextEvent(nodeSocket, 'sync')
    const user = track(tasksSocket(gateway(0), researcher.accessToken))
    await nextEvent<string>(user, 'message', (text) => text.startsWith('User <gwc-r> joined'))
    const offline = collect(user, 'node-offline')
    const nodeId = await nodeIdOf(net.organizations[0] as number)
    await eventually(async () => (await statusOf(nodeId)) === 'online', 'node online')

    // Kill whichever replica holds the node; the user sits on replica 0, so kill 1 when possible.
    const resynced = nextEvent(nodeSocket, 'sync')
    for (const index of [0, 1]) cluster.kill('socket-gateway', index, 'SIGKILL')
    await cluster.restart('socket-gateway', 0)
    await resynced
    await cluster.restart('socket-gateway', 1)
    // Long enough for the dead replica's entries to expire and be swept (TTL 4 s, sweep 1 s).
    const until = Date.now() + 8_000
    while (Date.now() < until) {
      expect(await statusOf(nodeId)).toBe('online')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(offline.filter((event) => (event as { id: number }).id === nodeId)).toEqual([])
  })

  it('lets a UI-style client reconnect after SIGTERM of its gateway', async () => {
    const ui = track(
      tasksSocket(cluster.url, researcher.accessToken, {
        reconnection: true,
        withCredentials: true,
      }),
    )
    await nextEvent<string>(ui, 'message', (text) => text.startsWith('User <gwc-r> joined'))
    const rejoined = nextEvent<string>(ui, 'message', (text) =>
      text.startsWith('User <gwc-r> joined'),
    )
    cluster.kill('socket-gateway', 0, 'SIGTERM')
    cluster.kill('socket-gateway', 1, 'SIGTERM')
    await cluster.restart('socket-gateway', 0)
    await rejoined
    await cluster.restart('socket-gateway', 1)
  })

  it('drains cleanly while its node sockets are still leaving', async () => {
    const tokens = await Promise.all(net.nodeKeys.map((key) => nodeToken(key)))
    const sockets = Array.from({ length: 30 }, (_, index) =>
      track(tasksSocket(gateway(0), tokens[index % tokens.length] as string)),
    )
    await Promise.all(sockets.map((socket) => nextEvent(socket, 'sync')))
    for (const socket of sockets) socket.disconnect()
    cluster.kill('socket-gateway', 0, 'SIGTERM')
    await eventually(
      async () => cluster.replicas('socket-gateway')[0]?.pid === undefined,
      'gateway exited',
      30_000,
    )
    // An emit racing the close of the adapter's Redis connection used to end it with code 1.
    expect(cluster.replicas('socket-gateway')[0]?.lastExit).toEqual({ code: 0, signal: null })
    await cluster.restart('socket-gateway', 0)
  })

  it('lets a Python node (python-socketio) reconnect after SIGTERM of its gateway', async () => {
    const repo = join(import.meta.dirname, '..', '..', '..')
    // The compatibility suite's virtual environment holds the python-socketio the node pins.
    // Not spawnSync: a blocked event loop misses the entry point closing idle connections, and
    // the next request goes out on a closed one.
    const venv = spawn('bash', [join(repo, 'compat', 'venv.sh')], { stdio: 'inherit' })
    expect(await new Promise((resolve) => venv.on('exit', resolve))).toBe(0)
    const child = spawn(
      join(repo, 'compat', '.venv', 'bin', 'python'),
      [join(import.meta.dirname, 'support', 'python_node_socket.py')],
      {
        env: {
          ...process.env,
          NODE_SOCKET_URL: cluster.url,
          NODE_SOCKET_TOKEN: await nodeToken(net.nodeKeys[1] as string),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    children.push(child)
    const lines: string[] = []
    child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')))
    const syncs = () => lines.filter((line) => line === 'sync').length
    await eventually(async () => syncs() === 1, 'python node synced')
    cluster.kill('socket-gateway', 0, 'SIGTERM')
    cluster.kill('socket-gateway', 1, 'SIGTERM')
    await cluster.restart('socket-gateway', 0)
    await eventually(async () => syncs() === 2, 'python node synced again', 60_000)
    await cluster.restart('socket-gateway', 1)
    expect(lines).toContain('disconnect')
  })

  it('reports a stopped node offline within the heartbeat deadline', async () => {
    const nodeId = await nodeIdOf(net.organizations[1] as number)
    const child = spawn(
      process.execPath,
      [
        '--import',
        requireHere.resolve('tsx'),
        join(import.meta.dirname, 'support', 'socket-node-process.ts'),
      ],
      {
        env: {
          ...process.env,
          NODE_SOCKET_URL: gateway(1),
          NODE_SOCKET_TOKEN: await nodeToken(net.nodeKeys[1] as string),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    children.push(child)
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('sync')) resolve()
      })
    })
    const user = track(tasksSocket(gateway(0), researcher.accessToken))
    await nextEvent<string>(user, 'message', (text) => text.startsWith('User <gwc-r> joined'))
    await eventually(async () => (await statusOf(nodeId)) === 'online', 'node online')
    const wentOffline = nextEvent<{ id: number }>(
      user,
      'node-offline',
      (event) => event.id === nodeId,
    )
    child.kill('SIGSTOP')
    expect(await wentOffline).toMatchObject({ id: nodeId, org_id: net.organizations[1] })
    await eventually(async () => (await statusOf(nodeId)) === 'offline', 'node offline in database')
  })

  it('tells a node its token expired, and a fresh token recovers the session', async () => {
    const nodeId = await nodeIdOf(net.organizations[0] as number)
    const stale = track(tasksSocket(gateway(0), await expiredNodeToken(dataDir, nodeId)))
    await nextEvent(stale, 'expired_token')
    stale.disconnect()
    const fresh = track(tasksSocket(gateway(1), await nodeToken(net.nodeKeys[0] as string)))
    await nextEvent(fresh, 'sync')
  })

  it('disconnects a user’s sockets on every replica when the password changes', async () => {
    const user = await createResearcher(root, cluster.url, net.organizations[0] as number, 'gwc-pw')
    const first = track(tasksSocket(gateway(0), user.accessToken))
    const second = track(tasksSocket(gateway(1), user.accessToken))
    await Promise.all(
      [first, second].map((socket) =>
        nextEvent<string>(socket, 'message', (text) => text.startsWith('User <gwc-pw> joined')),
      ),
    )
    const gone = [first, second].map((socket) => nextEvent<string>(socket, 'disconnect'))
    await user.call('PATCH', '/password/change', {
      current_password: 'Research3r!-password',
      new_password: 'Research3r!-password-2',
    })
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect'])
  })
})
