import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { generateKeyPair, SignJWT } from 'jose'
import type { Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type StandaloneServer, startStandalone } from '../src/standalone.ts'
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

describe('socket gateway in the standalone server', () => {
  let server: StandaloneServer
  let root: FedApi
  let researcher: FedApi
  let net: SmallNetwork
  let dataDir: string
  const open: Socket[] = []
  const track = (socket: Socket) => {
    open.push(socket)
    return socket
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fedhub-gateway-'))
    const config = testConfig({
      FEDHUB_DATA_DIR: dataDir,
      FEDHUB_PORT: '0',
      FEDHUB_METRICS_PORT: '0',
      FEDHUB_SOCKET_UNIDENTIFIED_GRACE_S: '1',
    })
    server = await startStandalone(config, createLogger({ level: 'silent', service: 'test' }), {
      host: '127.0.0.1',
    })
    root = await FedApi.login(server.url, 'root', server.generatedRootPassword as string)
    net = await createSmallNetwork(root, 'gw')
    researcher = await createResearcher(root, server.url, net.organizations[0] as number, 'gw-res')
  })
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect()
  })
  afterAll(async () => {
    for (const step of server.shutdownSteps()) await step.run()
  })

  const connectNode = async (apiKey: string) => {
    const { api, token } = await FedApi.nodeLogin(server.url, apiKey)
    const socket = track(tasksSocket(server.url, token))
    await nextEvent(socket, 'sync')
    return { api, socket }
  }

  it('sends sync to a node, joins its rooms and reports it online with its configuration', async () => {
    const { api, socket } = await connectNode(net.nodeKeys[0] as string)
    const nodes = await root.call<{ data: Array<{ id: number; status: string | null }> }>(
      'GET',
      `/node?collaboration_id=${net.collaborationId}&organization_id=${net.organizations[0]}`,
    )
    const nodeId = nodes.data[0]?.id as number
    await eventually(async () => {
      const node = await root.call<{ status: string | null }>('GET', `/node/${nodeId}`)
      return node.status === 'online'
    }, 'node online after connect')
    // The list shows the same presence as the single node (the UI and `is_online` read it).
    const listed = await root.call<{ data: Array<{ id: number; status: string | null }> }>(
      'GET',
      `/node?collaboration_id=${net.collaborationId}`,
    )
    expect(listed.data.find((node) => node.id === nodeId)?.status).toBe('online')
    const online = await root.call<{ data: Array<{ id: number }> }>('GET', '/node?status=online')
    expect(online.data.map((node) => node.id)).toContain(nodeId)
    socket.emit('node_info_update', {
      allowed_algorithms: 'all',
      database_labels: ['default'],
      database_types: { db_type_default: 'csv' },
      database_columns: { columns_default: ['age', 'weight'] },
      encryption: false,
    })
    await eventually(async () => {
      const node = await root.call<{ config: Array<{ key: string; value: string }> }>(
        'GET',
        `/node/${nodeId}`,
      )
      return node.config.length === 6
    }, 'node configuration stored')
    const node = await root.call<{ config: Array<{ key: string; value: string }> }>(
      'GET',
      `/node/${nodeId}`,
    )
    expect(node.config).toEqual(
      expect.arrayContaining([
        { key: 'allowed_algorithms', value: 'all' },
        { key: 'db_type_default', value: 'csv' },
        { key: 'columns_default', value: 'age' },
        { key: 'columns_default', value: 'weight' },
        { key: 'encryption', value: 'false' },
      ]),
    )
    expect(api).toBeDefined()
    socket.disconnect()
    await eventually(async () => {
      const after = await root.call<{ status: string | null; config: unknown[] }>(
        'GET',
        `/node/${nodeId}`,
      )
      return after.status === 'offline' && after.config.length === 0
    }, 'node offline and its configuration gone after its last socket left')
  })

  it('delivers a new task to the nodes of its collaboration only, and status and logs to users', async () => {
    const a = await connectNode(net.nodeKeys[0] as string)
    const b = await connectNode(net.nodeKeys[1] as string)
    const other = await connectNode(net.otherNodeKey)
    const strangerTasks = collect(other.socket, 'new_task')
    const user = track(tasksSocket(server.url, researcher.accessToken))
    await nextEvent<string>(user, 'message', (text) =>
      text.includes(`joined room <collaboration_${net.collaborationId}>`),
    )
    const seenByA = nextEvent<{ id: number; parent_id: number | null }>(a.socket, 'new_task')
    const seenByB = nextEvent<{ id: number }>(b.socket, 'new_task')
    const seenByUser = nextEvent<{ id: number }>(user, 'new_task')
    const task = await researcher.call<{ id: number }>('POST', '/task', {
      name: 'gateway',
      image: 'fedhub/mean',
      collaboration_id: net.collaborationId,
      organizations: [
        { id: net.organizations[0], input: base64Json({ method: 'partial' }) },
        { id: net.organizations[1], input: base64Json({ method: 'partial' }) },
      ],
      databases: [{ label: 'default' }],
    })
    expect(await seenByA).toEqual({ id: task.id, parent_id: null })
    expect((await seenByB).id).toBe(task.id)
    expect((await seenByUser).id).toBe(task.id)

    const runs = await a.api.call<{ data: Array<{ id: number; organization: { id: number } }> }>(
      'GET',
      `/run?task_id=${task.id}`,
    )
    const runOfA = runs.data.find((run) => run.organization.id === net.organizations[0])
    expect(runOfA).toBeDefined()
    const runId = runOfA?.id as number
    const statusHeard = nextEvent<Record<string, unknown>>(user, 'algorithm_status_change')
    a.socket.emit('algorithm_status_change', {
      node_id: 0,
      status: 'initializing',
      run_id: runId,
      task_id: task.id,
      collaboration_id: net.otherCollaborationId,
      organization_id: net.organizations[0],
      parent_id: null,
    })
    expect(await statusHeard).toMatchObject({
      status: 'initializing',
      run_id: runId,
      task_id: task.id,
      collaboration_id: net.collaborationId,
      organization_id: net.organizations[0],
      parent_id: null,
      job_id: expect.any(Number),
    })
    const logHeard = nextEvent<{ run_id: number; log: string }>(user, 'algorithm_log', (line) =>
      line.log.startsWith('second'),
    )
    a.socket.emit('algorithm_log', { run_id: runId, task_id: task.id, log: 'first line' })
    a.socket.emit('algorithm_log', { run_id: runId, task_id: task.id, log: 'second line\n' })
    expect(await logHeard).toEqual({ run_id: runId, task_id: task.id, log: 'second line\n' })
    const run = await root.call<{ log: string }>('GET', `/run/${runId}`)
    expect(run.log).toBe('first line\nsecond line\n')
    expect(strangerTasks).toEqual([])
  })

  it('announces a run status once, whether the node reports it before or after its PATCH', async () => {
    const a = await connectNode(net.nodeKeys[0] as string)
    const user = track(tasksSocket(server.url, researcher.accessToken))
    await nextEvent<string>(user, 'message', (text) =>
      text.includes(`joined room <collaboration_${net.collaborationId}>`),
    )
    const task = await researcher.call<{ id: number }>('POST', '/task', {
      name: 'announced once',
      image: 'fedhub/mean',
      collaboration_id: net.collaborationId,
      organizations: [{ id: net.organizations[0], input: base64Json({ method: 'partial' }) }],
      databases: [{ label: 'default' }],
    })
    const runs = await a.api.call<{ data: Array<{ id: number }> }>('GET', `/run?task_id=${task.id}`)
    const runId = runs.data[0]?.id as number
    const heard = collect<{ run_id: number; status: string }>(user, 'algorithm_status_change')
    const report = (status: string) =>
      a.socket.emit('algorithm_status_change', {
        node_id: 0,
        status,
        run_id: runId,
        task_id: task.id,
        collaboration_id: net.collaborationId,
        organization_id: net.organizations[0],
        parent_id: null,
      })
    const statusesOfRun = () =>
      heard.filter((event) => event.run_id === runId).map((event) => event.status)
    // As the 4.x node starts a run: PATCH, then the socket report.
    await a.api.call('PATCH', `/run/${runId}`, { status: 'active' })
    report('active')
    // As it finishes one: the socket report, then PATCH.
    report('completed')
    await eventually(async () => statusesOfRun().includes('completed'), 'completed heard')
    await a.api.call('PATCH', `/run/${runId}`, {
      status: 'completed',
      result: base64Json({ mean: 1 }),
      finished_at: new Date().toISOString(),
    })
    // Events reach the room in commit order, so a log line sent now arrives after anything the
    // PATCH announced.
    const barrier = nextEvent<{ log: string }>(user, 'algorithm_log', (line) => line.log === 'end')
    a.socket.emit('algorithm_log', { run_id: runId, task_id: task.id, log: 'end' })
    await barrier
    expect(statusesOfRun()).toEqual(['active', 'completed'])
  })

  it('writes last_seen on a node’s ping and keeps its metrics as Prometheus gauges', async () => {
    const { socket } = await connectNode(net.nodeKeys[1] as string)
    const nodes = await root.call<{ data: Array<{ id: number }> }>(
      'GET',
      `/node?collaboration_id=${net.collaborationId}&organization_id=${net.organizations[1]}`,
    )
    const nodeId = nodes.data[0]?.id as number
    socket.emit('ping')
    await eventually(async () => {
      const node = await root.call<{ last_seen: string | null }>('GET', `/node/${nodeId}`)
      return node.last_seen !== null
    }, 'last_seen written after a ping')
    socket.emit('node_metrics_update', {
      cpu_percent: 12.5,
      memory_percent: 40,
      num_algorithm_containers: 1,
      os: 'Linux',
      platform: 'x86_64',
      gpu_count: 0,
      gpu_load: [0.5],
      not_a_metric: 3,
    })
    const wanted = `cpu_percent{node_id="${nodeId}",os="Linux",platform="x86_64"} 12.5`
    await eventually(
      async () => (await (await fetch(server.metricsUrl)).text()).includes(wanted),
      'node metrics exposed',
    )
    const metrics = await (await fetch(server.metricsUrl)).text()
    expect(metrics).toContain(
      `gpu_load{node_id="${nodeId}",os="Linux",platform="x86_64",gpu_id="0"} 0.5`,
    )
    expect(metrics).toContain(`gpu_count{node_id="${nodeId}",os="Linux",platform="x86_64"} 0`)
    expect(metrics).not.toContain('not_a_metric')
  })

  it('drops reports a node makes about runs of another organization', async () => {
    const a = await connectNode(net.nodeKeys[0] as string)
    const task = await researcher.call<{ id: number }>('POST', '/task', {
      image: 'fedhub/mean',
      collaboration_id: net.collaborationId,
      organizations: [{ id: net.organizations[1], input: base64Json({ method: 'partial' }) }],
    })
    const runs = await root.call<{ data: Array<{ id: number }> }>('GET', `/run?task_id=${task.id}`)
    const foreignRun = runs.data[0]?.id as number
    a.socket.emit('algorithm_log', { run_id: foreignRun, task_id: task.id, log: 'injected' })
    // A second, legitimate line of its own proves the first was handled (reports keep order).
    const own = await researcher.call<{ id: number }>('POST', '/task', {
      image: 'fedhub/mean',
      collaboration_id: net.collaborationId,
      organizations: [{ id: net.organizations[0], input: base64Json({ method: 'partial' }) }],
    })
    const ownRuns = await root.call<{ data: Array<{ id: number }> }>(
      'GET',
      `/run?task_id=${own.id}`,
    )
    const ownRun = ownRuns.data[0]?.id as number
    a.socket.emit('algorithm_log', { run_id: ownRun, task_id: own.id, log: 'mine' })
    await eventually(async () => {
      const run = await root.call<{ log: string | null }>('GET', `/run/${ownRun}`)
      return run.log === 'mine'
    }, 'own log line stored')
    const foreign = await root.call<{ log: string | null }>('GET', `/run/${foreignRun}`)
    expect(foreign.log ?? '').toBe('')
  })

  it('answers an expired token with expired_token and a bad signature with invalid_token', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const forged = await new SignJWT({ client_type: 'node', type: 'access', roles: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'forged' })
      .setSubject('1')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey)
    const refused = track(tasksSocket(server.url, forged))
    await nextEvent(refused, 'invalid_token')
    await nextEvent(refused, 'disconnect')

    const expired = await expiredNodeToken(dataDir, 2)
    const stale = track(tasksSocket(server.url, expired))
    await nextEvent(stale, 'expired_token')

    const noToken = track(tasksSocket(server.url, undefined))
    await nextEvent(noToken, 'disconnect')
  })

  it('disconnects a user’s sockets when the password changes', async () => {
    const user = await root.call<{ id: number }>('POST', '/user', {
      username: 'gw-researcher',
      email: 'gw-researcher@example.org',
      password: 'Str0ng!Password-1',
      organization_id: net.organizations[0],
      roles: [],
      rules: [],
    })
    expect(user.id).toBeGreaterThan(0)
    const researcher = await FedApi.login(server.url, 'gw-researcher', 'Str0ng!Password-1')
    const socket = track(tasksSocket(server.url, researcher.accessToken))
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    // Identified sockets are kept; give the identity lookup its moment by waiting for a ping.
    await eventually(async () => socket.connected, 'researcher socket connected')
    const gone = nextEvent<string>(socket, 'disconnect')
    await researcher.call('PATCH', '/password/change', {
      current_password: 'Str0ng!Password-1',
      new_password: 'Str0ng!Password-2',
    })
    expect(await gone).toBe('io server disconnect')
  })
})
