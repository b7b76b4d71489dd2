import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  decodePayload,
  encodePayload,
  ensureMember,
  provisionNodes,
  readNodeFile,
  UserApi,
} from '../src/node-sim/index.ts'
import {
  DEADLINE_MS,
  eventually,
  ROOT_PASSWORD,
  startSimServer,
} from './support/node-sim-server.ts'

const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')

/** A running `fedhub node` and the log lines it printed so far. */
function startNodeCommand(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CLI, 'node', ...args], { env: process.env })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  return { child, output: () => output }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}

describe('fedhub node (command)', () => {
  let close: () => Promise<void>
  let dataDir: string
  let url: string
  let api: UserApi
  let running: ChildProcess | undefined

  beforeAll(async () => {
    const started = await startSimServer()
    close = started.close
    dataDir = started.dataDir
    url = started.server.url
    api = await UserApi.login({ serverUrl: url, apiPath: '/api' }, 'root', ROOT_PASSWORD)
    writeFileSync(join(dataDir, 'rows.csv'), 'id,score\n1,4\n2,6\n3,\n')
  })
  afterEach(async () => {
    if (running !== undefined && running.exitCode === null) {
      running.kill('SIGKILL')
      await exitOf(running)
    }
    running = undefined
  })
  afterAll(async () => close?.())

  async function countOver(collaborationId: number, organizations: number[]) {
    await ensureMember(api, collaborationId, await api.ownOrganizationId())
    const task = await api.request<{ id: number }>('POST', 'task', {
      image: 'fedhub/count',
      collaboration_id: collaborationId,
      organizations: organizations.map((id) => ({
        id,
        input: encodePayload({ method: 'partial', kwargs: { column: 'score' } }),
      })),
      databases: [{ label: 'default' }],
    })
    await eventually(async () => {
      const { status } = await api.request<{ status: string }>('GET', `task/${task.id}/status`)
      return status === 'completed' ? status : undefined
    }, `task ${task.id} to complete`)
    const results = await api.list<{ result: string }>('result', { task_id: task.id })
    return results.map((item) => decodePayload(item.result))
  }

  it('creates organizations and nodes through the API, runs their tasks, saves them, and stops on SIGTERM', async () => {
    const node = startNodeCommand([
      '--server',
      url,
      '--count',
      '2',
      '--collaboration',
      'command line',
      '--login',
      `root:${ROOT_PASSWORD}`,
      '--prefix',
      'Command org',
      '--csv',
      `default=${join(dataDir, 'rows.csv')}`,
      '--save',
      join(dataDir, 'saved-nodes.yaml'),
    ])
    running = node.child
    await eventually(
      async () => (node.output().split('"node online"').length === 3 ? true : undefined),
      'two nodes online',
      200,
    )
    const collaboration = (
      await api.list<{ id: number; name: string }>('collaboration', { name: 'command line' })
    ).find((item) => item.name === 'command line')
    const organizations = await api.list<{ id: number; name: string }>('organization', {
      collaboration_id: collaboration?.id as number,
    })
    const created = organizations.filter((org) => org.name.startsWith('Command org '))
    expect(created.map((org) => org.name).sort()).toEqual(['Command org 1', 'Command org 2'])
    expect(
      await countOver(
        collaboration?.id as number,
        created.map((org) => org.id),
      ),
    ).toEqual([{ count: 2 }, { count: 2 }])
    node.child.kill('SIGTERM')
    expect(await exitOf(node.child)).toBe(0)
    // The saved node file starts the same nodes again; it holds keys, so only its owner reads it.
    const saved = join(dataDir, 'saved-nodes.yaml')
    expect(statSync(saved).mode & 0o777).toBe(0o600)
    expect((await readNodeFile(saved)).nodes).toEqual([
      expect.objectContaining({
        databases: [{ label: 'default', file: join(dataDir, 'rows.csv') }],
      }),
      expect.objectContaining({
        databases: [{ label: 'default', file: join(dataDir, 'rows.csv') }],
      }),
    ])
  })

  it('runs the nodes a node file describes', async () => {
    const network = await provisionNodes({
      api,
      collaboration: 'from a file',
      organizationNames: ['File org'],
    })
    const file = join(dataDir, 'nodes.yaml')
    writeFileSync(
      file,
      [
        `server_url: ${url}`,
        'nodes:',
        `  - api_key: ${network.nodes[0]?.apiKey}`,
        '    databases: [{ label: default, file: rows.csv }]',
        '',
      ].join('\n'),
    )
    const node = startNodeCommand(['--file', file, '--timing', 'firstPingMs=100'])
    running = node.child
    await eventually(
      async () => (node.output().includes('"node online"') ? true : undefined),
      'the node online',
      200,
    )
    expect(
      await countOver(network.collaborationId, [network.nodes[0]?.organizationId as number]),
    ).toEqual([{ count: 2 }])
  })

  it(
    'says that a node file went stale when provisioning again reset its keys',
    async () => {
      const names = ['Stale org']
      const first = await provisionNodes({
        api,
        collaboration: 'stale keys',
        organizationNames: names,
      })
      const file = join(dataDir, 'stale-nodes.yaml')
      writeFileSync(
        file,
        `server_url: ${url}\nnodes:\n  - api_key: ${first.nodes[0]?.apiKey}\n    databases: []\n`,
      )
      // What `fedhub node --count 1 --collaboration 'stale keys'` does to the saved key.
      await provisionNodes({ api, collaboration: 'stale keys', organizationNames: names })
      const node = startNodeCommand(['--file', file])
      running = node.child
      expect(await exitOf(node.child)).toBe(1)
      expect(node.output()).toContain(
        `fedhub node cannot start: the server does not recognise the API key (a later --count for that collaboration resets the keys saved in ${file}: provision again with --count, --collaboration and --save ${file})`,
      )
    },
    DEADLINE_MS,
  )

  it('says in its help that --count resets the keys a saved node file holds', () => {
    const help = spawnSync(process.execPath, [CLI, 'node', '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'it gives their existing nodes new API keys, so a node file saved earlier stops working',
    )
  })

  it(
    'refuses a node file with problems, naming each',
    async () => {
      const file = join(dataDir, 'bad-nodes.yaml')
      writeFileSync(file, 'server_url: somewhere\nnodes: []\n')
      const node = startNodeCommand(['--file', file])
      running = node.child
      expect(await exitOf(node.child)).not.toBe(0)
      expect(node.output()).toContain('server_url: must match pattern')
      expect(node.output()).toContain('nodes: must NOT have fewer than 1 items')
    },
    DEADLINE_MS,
  )
})
