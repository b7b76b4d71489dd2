import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StandaloneServer, startStandalone } from '../src/standalone.ts'

const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')

describe('fedhub start (standalone)', () => {
  let server: StandaloneServer
  let dataDir: string
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fedhub-standalone-'))
    const config = testConfig({ FEDHUB_DATA_DIR: dataDir, FEDHUB_PORT: '0' })
    server = await startStandalone(config, createLogger({ level: 'silent', service: 'test' }), {
      host: '127.0.0.1',
    })
  })
  afterAll(async () => {
    for (const step of server.shutdownSteps()) await step.run()
  })

  it('creates the root account with a generated password, shown once', () => {
    expect(server.generatedRootPassword).toMatch(/^\S{16,}$/)
  })

  it('answers version and health as upstream does', async () => {
    const version = await fetch(`${server.url}/api/version`)
    expect(version.status).toBe(200)
    expect(await version.json()).toEqual({ version: expect.stringMatching(/^4\.\d+\.\d+$/) })
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ database: true })
  })

  it('serves one OpenAPI document, health, readiness and metrics on their own port', async () => {
    const doc = (await (await fetch(`${server.url}/apidocs/json`)).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/version', '/api/health']))
    expect((await fetch(`${server.url}/apidocs`)).status).toBe(200)
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' })
    const readyz = await fetch(`${server.url}/readyz`)
    expect(readyz.status).toBe(200)
    expect(await readyz.json()).toEqual({
      ready: true,
      dependencies: { bus: true, kv: true, database: true },
    })
    const metrics = await (await fetch(server.metricsUrl)).text()
    expect(metrics).toContain('fedhub_http_requests_total')
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404)
  })

  it('lets the root account log in at auth and use the token at core-api', async () => {
    const login = await fetch(`${server.url}/api/token/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: server.generatedRootPassword }),
    })
    expect(login.status).toBe(200)
    const { access_token: token } = (await login.json()) as { access_token: string }
    const me = await fetch(`${server.url}/api/user/1`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ id: 1, username: 'root' })
  })

  it('turns a password-reset request into a mail file through outbox, relay, bus and mailer', async () => {
    const lost = await fetch(`${server.url}/api/recover/lost`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root' }),
    })
    expect(lost.status).toBe(200)
    const mailDir = join(dataDir, 'mail')
    const deadline = Date.now() + Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 30_000)
    let files: string[] = []
    while (files.length === 0 && Date.now() < deadline) {
      files = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : []
      if (files.length === 0) await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(files).toHaveLength(1)
    const mail = readFileSync(join(mailDir, files[0] as string), 'utf8')
    expect(mail).toContain('root@domain.ext')
  })

  it('serves Socket.IO on the host root', async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`)
    expect(handshake.status).toBe(200)
    expect(await handshake.text()).toMatch(/^0\{"sid":/)
  })
})

describe('fedhub start with a malformed config file', () => {
  it('exits non-zero and names every bad key at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fedhub-badconfig-'))
    const file = join(dir, 'server.yaml')
    writeFileSync(file, 'port: seventy\nsmtp:\n  sever: typo\nlogging:\n  level: LOUD\n')
    const result = spawnSync(process.execPath, [CLI, 'start'], {
      env: { ...process.env, FEDHUB_CONFIG: file, FEDHUB_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    const output = result.stdout + result.stderr
    expect(output).toContain('port: must be integer')
    expect(output).toContain('smtp.sever: unknown key')
    expect(output).toContain('logging.level: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL')
  })
})
