import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSigningKeys } from '@fedhub/auth'
import { createLogger } from '@fedhub/shared/logging'
import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decodePayload,
  encodePayload,
  ensureMember,
  type ProvisionedNode,
  provisionNodes,
  type SimulatedFleet,
  type SimulatedNode,
  startSimulatedNodes,
  UserApi,
} from '../src/node-sim/index.ts'
import {
  DEADLINE_MS,
  eventually,
  ROOT_PASSWORD,
  startSimServer,
} from './support/node-sim-server.ts'

// Known data: the mean of `value` over the three files is 220 / 11 = 20.
const CSV = [
  'id,value,label\n1,10,a\n2,20,b\n3,30,c\n',
  'id,value,label\n4,5,a\n5,15,b\n6,,c\n7,25,d\n',
  'id,value,label\n8,40,a\n9,35,b\n10,20,c\n11,20,d\n',
]
const EXPECTED_MEAN = (10 + 20 + 30 + 5 + 15 + 25 + 40 + 35 + 20 + 20) / 10

const FAST = {
  firstPingMs: 100,
  pingIntervalMs: 1_000,
  childPollStartMs: 50,
  childPollMaxMs: 500,
  reconnectDelayMs: 100,
  reconnectDelayMaxMs: 500,
  loginRetryMs: 200,
  connectionRetryMs: 100,
}

describe('fedhub node: simulated nodes against a standalone server', () => {
  let close: () => Promise<void>
  let dataDir: string
  let url: string
  let api: UserApi
  let collaborationId: number
  let provisioned: ProvisionedNode[]
  let fleet: SimulatedFleet

  const endpoint = () => ({ serverUrl: url, apiPath: '/api' })

  async function waitForTask(taskId: number): Promise<string> {
    return eventually(async () => {
      const { status } = await api.request<{ status: string }>('GET', `task/${taskId}/status`)
      return ['pending', 'initializing', 'active'].includes(status) ? undefined : status
    }, `task ${taskId} to finish`)
  }

  async function results(taskId: number): Promise<unknown[]> {
    const items = await api.list<{ result: string | null }>('result', { task_id: taskId })
    return items.map((item) => (item.result === null ? null : decodePayload(item.result)))
  }

  function postTask(image: string, input: object, organizations: number[]) {
    return api.request<{ id: number }>('POST', 'task', {
      name: `test ${image}`,
      image,
      collaboration_id: collaborationId,
      organizations: organizations.map((id) => ({ id, input: encodePayload(input) })),
      databases: [{ label: 'default' }],
    })
  }

  beforeAll(async () => {
    const started = await startSimServer()
    close = started.close
    dataDir = started.dataDir
    url = started.server.url
    api = await UserApi.login(endpoint(), 'root', ROOT_PASSWORD)
    const network = await provisionNodes({
      api,
      collaboration: 'simulation',
      organizationNames: ['Sim A', 'Sim B', 'Sim C'],
    })
    collaborationId = network.collaborationId
    provisioned = network.nodes
    // Root's organization joins (without a node) so that root may submit tasks there.
    await ensureMember(api, collaborationId, await api.ownOrganizationId())
    const files = CSV.map((text, index) => {
      const file = join(dataDir, `data-${index}.csv`)
      writeFileSync(file, text)
      return file
    })
    fleet = await startSimulatedNodes({
      serverUrl: url,
      timings: FAST,
      logger: createLogger({ level: 'silent', service: 'test' }),
      nodes: provisioned.map((node, index) => ({
        apiKey: node.apiKey,
        databases: [{ label: 'default', file: files[index] as string }],
      })),
    })
    await Promise.all(fleet.nodes.map((node) => node.whenOnline()))
  })
  afterAll(async () => {
    await fleet?.stop()
    await close?.()
  })

  const orgIds = () => provisioned.map((node) => node.organizationId)

  it('brings every node online, seen recently, with the columns of its database', async () => {
    type NodeView = {
      status: string | null
      last_seen: string | null
      config: Array<{ key: string; value: string }>
    }
    // Read one by one: the list endpoint does not show status and last_seen yet (reported).
    const nodes = await eventually(async () => {
      const read = await Promise.all(
        provisioned.map((node) => api.request<NodeView>('GET', `node/${node.nodeId}`)),
      )
      const ready = read.every(
        (node) => node.status === 'online' && node.last_seen !== null && node.config.length > 0,
      )
      return ready ? read : undefined
    }, 'nodes online with their configuration')
    for (const node of nodes) {
      expect(node.config).toEqual(
        expect.arrayContaining([
          { key: 'allowed_algorithms', value: 'all' },
          { key: 'database_labels', value: 'default' },
          { key: 'db_type_default', value: 'csv' },
          { key: 'columns_default', value: 'id' },
          { key: 'columns_default', value: 'value' },
          { key: 'columns_default', value: 'label' },
        ]),
      )
    }
  })

  it('computes a federated mean: the central run creates partial runs and combines them', async () => {
    const [aggregator] = orgIds()
    const task = await postTask(
      'fedhub/mean',
      { method: 'central', kwargs: { column: 'value', organizations: orgIds() } },
      [aggregator as number],
    )
    expect(await waitForTask(task.id)).toBe('completed')
    expect(await results(task.id)).toEqual([
      {
        column: 'value',
        mean: EXPECTED_MEAN,
        sum: EXPECTED_MEAN * 10,
        count: 10,
        organizations: 3,
      },
    ])
    const children = await api.list<{ id: number; parent: { id: number } }>('task', {
      parent_id: task.id,
    })
    expect(children).toHaveLength(1)
    const partials = await results(children[0]?.id as number)
    expect(partials).toEqual(
      expect.arrayContaining([
        { sum: 60, count: 3 },
        { sum: 45, count: 3 },
        { sum: 115, count: 4 },
      ]),
    )
    const runs = await api.list<{
      status: string
      log: string
      started_at: string
      finished_at: string
    }>('run', { task_id: task.id })
    expect(runs[0]).toMatchObject({
      status: 'completed',
      started_at: expect.any(String),
      finished_at: expect.any(String),
    })
    expect(runs[0]?.log).toContain('created sub-task')
  })

  it('counts rows with a value, one partial run per organization', async () => {
    const posted = Date.now()
    const task = await postTask(
      'fedhub/count',
      { method: 'partial', kwargs: { column: 'value' } },
      orgIds(),
    )
    const arrivals = await fleet.waitForNewTask(task.id, DEADLINE_MS)
    expect(arrivals).toHaveLength(3)
    for (const arrival of arrivals) expect(arrival.at).toBeGreaterThanOrEqual(posted)
    expect(await waitForTask(task.id)).toBe('completed')
    const counts = (await results(task.id)) as Array<{ count: number }>
    expect(counts.map((part) => part.count).sort()).toEqual([3, 3, 4])
  })

  it('reports an image it does not have as a non-existing Docker image', async () => {
    const task = await postTask('example/no-such-image', { method: 'x' }, orgIds().slice(0, 1))
    await eventually(async () => {
      const runs = await api.list<{ status: string }>('run', { task_id: task.id })
      return runs[0]?.status === 'non-existing Docker image' ? runs : undefined
    }, 'the run to be reported as a missing image')
  })

  it('stops and reports runs when their task is killed', async () => {
    const killed = new Set<number>()
    const onKilled = (node: SimulatedNode) => killed.add(node.identity.id)
    fleet.events.on('run_killed', onKilled)
    const active = new Set<number>()
    const onActive = (node: SimulatedNode) => active.add(node.identity.id)
    fleet.events.on('run_started', onActive)
    try {
      const task = await postTask(
        'fedhub/sleep',
        { method: 'sleep', kwargs: { seconds: 600 } },
        orgIds(),
      )
      await eventually(async () => (active.size === 3 ? true : undefined), 'three active runs')
      await api.request('POST', 'kill/task', { id: task.id })
      await eventually(
        async () => (killed.size === 3 ? true : undefined),
        'three nodes to kill their run',
      )
      expect(await waitForTask(task.id)).toBe('killed by user')
    } finally {
      fleet.events.off('run_killed', onKilled)
      fleet.events.off('run_started', onActive)
    }
  })

  it('stops every run of one node when that node is told to kill its tasks', async () => {
    const node = fleet.nodes[0] as SimulatedNode
    const started = new Promise((resolve) => node.once('run_started', resolve))
    const killed = new Promise((resolve) => node.once('run_killed', resolve))
    const task = await postTask('fedhub/sleep', { method: 'sleep', kwargs: { seconds: 600 } }, [
      node.identity.organizationId,
    ])
    await withDeadline(started)
    await api.request('POST', 'kill/node/tasks', { id: node.identity.id })
    await withDeadline(killed)
    // In this variant the server leaves the run to the node, which reports it killed.
    expect(await waitForTask(task.id)).toBe('killed by user')
  })

  it('refreshes its token before it expires and keeps working with the new one', async () => {
    const network = await provisionNodes({
      api,
      collaboration: collaborationId,
      organizationNames: ['Sim D'],
    })
    // A margin longer than any token's life: the first refresh is due at once, the next not soon.
    const single = await startSimulatedNodes({
      serverUrl: url,
      timings: { ...FAST, refreshBeforeExpiryMs: 1000 * 3600_000, refreshRetryMs: 3600_000 },
      logger: createLogger({ level: 'silent', service: 'test' }),
      nodes: [{ apiKey: network.nodes[0]?.apiKey as string, databases: [] }],
    })
    try {
      const node = single.nodes[0] as SimulatedNode
      await eventually(
        async () => (node.metrics.refreshes > 0 ? true : undefined),
        'the token to be refreshed',
      )
      // Refreshed once, and not again soon: the retry interval bounds a margin that is too long.
      expect(node.metrics.refreshes).toBe(1)
      const own = await node.session.request<{ id: number }>('GET', `node/${node.identity.id}`)
      expect(own.id).toBe(node.identity.id)
    } finally {
      await single.stop()
    }
  })

  it('recovers from an expired token: refreshes, reconnects and keeps working', async () => {
    const node = fleet.nodes[1] as SimulatedNode
    const [key] = (await loadSigningKeys(dataDir, { generate: false })).keys
    const claims = JSON.parse(
      Buffer.from(node.session.token.split('.')[1] as string, 'base64url').toString(),
    )
    const now = Math.floor(Date.now() / 1000)
    const expired = await new CompactSign(
      Buffer.from(JSON.stringify({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 })),
    )
      .setProtectedHeader({ alg: key?.alg as string, kid: key?.kid as string, typ: 'JWT' })
      .sign(await importJWK(key as object, key?.alg))
    const replaced = new Promise((resolve) => node.once('socket_replaced', resolve))
    node.session.useAccessTokenForTest(expired)
    await node.reconnectForTest()
    expect(await withDeadline(replaced)).toBe('expired_token')
    expect(node.connected).toBe(true)
    const task = await postTask('fedhub/count', { method: 'partial', kwargs: {} }, [
      node.identity.organizationId,
    ])
    expect(await waitForTask(task.id)).toBe('completed')
    expect(await results(task.id)).toEqual([{ count: 4 }])
  })

  it('recovers from a token with a bad signature by logging in again', async () => {
    const node = fleet.nodes[2] as SimulatedNode
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    const claims = node.session.token.split('.')[1] as string
    const forged = await new CompactSign(Buffer.from(claims, 'base64url'))
      .setProtectedHeader({ alg: 'ES256', kid: 'not-a-server-key', typ: 'JWT' })
      .sign(await importJWK(await exportJWK(privateKey), 'ES256'))
    const replaced = new Promise((resolve) => node.once('socket_replaced', resolve))
    node.session.useAccessTokenForTest(forged)
    await node.reconnectForTest()
    expect(await withDeadline(replaced)).toBe('invalid_token')
    const task = await postTask('fedhub/count', { method: 'partial', kwargs: {} }, [
      node.identity.organizationId,
    ])
    expect(await waitForTask(task.id)).toBe('completed')
  })
})

function withDeadline<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timed out')), DEADLINE_MS).unref(),
    ),
  ])
}
