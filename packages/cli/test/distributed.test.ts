import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONSUMERS, STREAMS } from '@fedhub/shared/events'
import { createScratchDatabase, type ScratchDatabase } from '@fedhub/shared/testing'
import { connect } from 'nats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../src/cluster/free-port.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const DEADLINE_MS = Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 60_000)
const POLL_MS = 250

interface Service {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

async function waitForHealth(url: string, service: Service): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`exited early:\n${service.output()}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  throw new Error(`no answer within ${DEADLINE_MS} ms:\n${service.output()}`)
}

describe('services run on their own over PostgreSQL, Redis and NATS', () => {
  let database: ScratchDatabase
  let env: NodeJS.ProcessEnv
  const running: Service[] = []

  function launch(name: string, port: number, extra: NodeJS.ProcessEnv = {}): Service {
    const child = spawn(process.execPath, ['--import', 'tsx', `services/${name}/src/main.ts`], {
      cwd: ROOT,
      env: { ...env, FEDHUB_PORT: String(port), FEDHUB_METRICS_PORT: '0', ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let text = ''
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()))
    const service = {
      child,
      url: `http://127.0.0.1:${port}`,
      output: () => text,
      exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
    }
    running.push(service)
    return service
  }

  beforeAll(async () => {
    database = await createScratchDatabase('postgresql')
    const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-distributed-'))
    env = {
      ...process.env,
      FEDHUB_DATA_DIR: dataDir,
      FEDHUB_DB_URI: database.uri,
      FEDHUB_REDIS_URL: process.env.FEDHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      FEDHUB_NATS_URL: process.env.FEDHUB_TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
      FEDHUB_BCRYPT_ROUNDS: '4',
      FEDHUB_ROOT_PASSWORD: 'distributed-root-password',
      FEDHUB_REDIS_KEY_PREFIX: `fedhub-test-${randomBytes(4).toString('hex')}:`,
    }
    // What an operator mounts: auth's private key set and the API-key digest secret in the data
    // folder, and the public key set for every verifier.
    const keys = spawnSync(
      process.execPath,
      ['packages/cli/bin/fedhub.mjs', 'keys', 'rotate', '--fresh', '--write'],
      { cwd: ROOT, env, encoding: 'utf8', timeout: DEADLINE_MS },
    )
    expect(keys.status, keys.stderr).toBe(0)
    const publicKeysFile = join(dataDir, 'public-keys.json')
    writeFileSync(publicKeysFile, JSON.stringify(JSON.parse(keys.stdout).public_keys))
    writeFileSync(join(dataDir, 'api-key-secret'), randomBytes(32).toString('base64url'))
    env.FEDHUB_PUBLIC_KEYS_FILE = publicKeysFile
  })
  afterAll(async () => {
    for (const service of running)
      if (service.child.exitCode === null) service.child.kill('SIGKILL')
    await database.drop()
  })

  it('core-api refuses an unmigrated database and names the command that fixes it', async () => {
    const core = launch('core-api', await freePort())
    expect(await core.exited).toBe(1)
    expect(core.output()).toContain('fedhub migrate')
  })

  it('after fedhub migrate made the streams, every service starts, answers and drains', async () => {
    const migrate = spawnSync(process.execPath, ['packages/cli/bin/fedhub.mjs', 'migrate'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: DEADLINE_MS,
    })
    expect(migrate.status, migrate.stderr).toBe(0)
    const nats = await connect({ servers: env.FEDHUB_NATS_URL })
    try {
      const jsm = await nats.jetstreamManager()
      for (const stream of STREAMS) {
        expect((await jsm.streams.info(stream.name)).config.subjects).toEqual(stream.subjects)
      }
      for (const consumer of CONSUMERS) {
        const info = await jsm.consumers.info(consumer.stream, consumer.durable)
        expect(info.config.ack_wait).toBe(consumer.ackWaitMs * 1_000_000)
      }
    } finally {
      await nats.close()
    }
    const services = await Promise.all(
      ['core-api', 'auth', 'socket-gateway', 'mailer'].map(async (name) =>
        launch(name, await freePort()),
      ),
    )
    for (const service of services) await waitForHealth(service.url, service)
    const [core, auth, gateway, mailer] = services as [Service, Service, Service, Service]

    // A token issued by auth is accepted by core-api, which knows only the public keys.
    const login = await fetch(`${auth.url}/api/token/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'distributed-root-password' }),
    })
    expect(login.status).toBe(200)
    const { access_token: token } = (await login.json()) as { access_token: string }
    const me = await fetch(`${core.url}/api/user/1`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await me.json()).toMatchObject({ id: 1, username: 'root' })

    expect(await (await fetch(`${core.url}/api/version`)).json()).toEqual({ version: '4.14.0' })
    expect(await (await fetch(`${core.url}/api/health`)).json()).toEqual({ database: true })
    const ready = await fetch(`${core.url}/readyz`)
    expect(await ready.json()).toEqual({
      ready: true,
      dependencies: { bus: true, kv: true, database: true },
    })
    // The document of every service, although auth runs elsewhere.
    const doc = (await (await fetch(`${core.url}/apidocs/json`)).json()) as { paths: object }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/token/user', '/api/user']))
    expect((await fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(200)
    expect((await fetch(`${mailer.url}/readyz`)).status).toBe(200)

    for (const service of services) service.child.kill('SIGTERM')
    for (const service of services) expect(await service.exited).toBe(0)
  })
})
