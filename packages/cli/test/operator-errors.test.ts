import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStandalone } from '../src/standalone.ts'

// What an operator sees when a command fails: one line on stderr and exit code 1, never a stack.
const ROOT = join(import.meta.dirname, '..', '..', '..')
const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')
const STACK_LINE = /^\s+at /m

/** The environment of a command run by an operator: nothing inherited that names a password. */
function operatorEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FEDHUB_BCRYPT_ROUNDS: '4', ...extra }
  for (const name of ['FEDHUB_ROOT_PASSWORD', 'V6_INIT_SUPER_PASS_HASHED', 'FEDHUB_LOG_LEVEL']) {
    if (!(name in extra)) delete env[name]
  }
  return env
}

function runCli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: operatorEnv(extra),
    encoding: 'utf8',
    timeout: 120_000,
  })
}

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'fedhub-operator-'))
}

/** Holds a loopback port, as another program would. */
function holdPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve({ port: typeof address === 'object' && address ? address.port : 0, server })
    })
  })
}

describe('operator commands fail with one line', () => {
  it('fedhub migrate without a root password names the settings and writes nothing', () => {
    const dir = dataDir()
    const refused = runCli(['migrate'], { FEDHUB_DATA_DIR: dir })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/^fedhub migrate: No password for the initial root user: .*\n$/)
    expect(refused.stderr).toContain('FEDHUB_ROOT_PASSWORD')
    expect(refused.stdout + refused.stderr).not.toMatch(STACK_LINE)
    // Nothing was written: the schema is applied only by the run that has a password.
    const migrated = runCli(['migrate'], {
      FEDHUB_DATA_DIR: dir,
      FEDHUB_ROOT_PASSWORD: 'a-root-password-for-tests',
    })
    expect(migrated.status, migrated.stderr).toBe(0)
    expect(migrated.stdout).toContain('applied: Migration0001AdoptOrCreate')
  })

  it('fedhub import of a missing file says it cannot read it', () => {
    const dir = dataDir()
    const file = join(dir, 'missing.yaml')
    const result = runCli(['import', file], { FEDHUB_DATA_DIR: dir })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`fedhub import: cannot read ${file}: no such file\n`)
  })

  it('fedhub user reset-password names a user that does not exist', () => {
    const dir = dataDir()
    const unmigrated = runCli(['user', 'reset-password', 'root'], { FEDHUB_DATA_DIR: dir })
    expect(unmigrated.status).toBe(1)
    expect(unmigrated.stderr).toBe(
      'fedhub user reset-password: the database has no users yet: run `fedhub migrate` first\n',
    )
    const env = { FEDHUB_DATA_DIR: dir, FEDHUB_ROOT_PASSWORD: 'a-root-password-for-tests' }
    expect(runCli(['migrate'], env).status).toBe(0)
    const result = runCli(['user', 'reset-password', 'nobody'], env)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe("fedhub user reset-password: no user named 'nobody'\n")
    expect(result.stdout).not.toMatch(STACK_LINE)
  })

  it('fedhub apidocs ends quietly when its reader closes the pipe', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"$NODE" "$CLI" apidocs | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      { cwd: ROOT, env: { ...process.env, NODE: process.execPath, CLI }, encoding: 'utf8' },
    )
    expect(result.stderr).toBe('')
    expect(result.stdout.trim()).toBe('0')
  })
})

describe('a port in use', () => {
  let held: { port: number; server: Server }
  beforeAll(async () => {
    held = await holdPort()
  })
  afterAll(() => new Promise<void>((resolve) => held.server.close(() => resolve())))

  it('fedhub start names the setting, and the root password created before it is kept', async () => {
    const dir = dataDir()
    const failed = runCli(['start', '--host', '127.0.0.1'], {
      FEDHUB_DATA_DIR: dir,
      FEDHUB_PORT: String(held.port),
      FEDHUB_METRICS_PORT: '0',
    })
    expect(failed.status).toBe(1)
    expect(failed.stderr).toContain(
      `fedhub start cannot start: port ${held.port} is already in use: set FEDHUB_PORT to a free port\n`,
    )
    expect(failed.stderr).toContain('fedhub user reset-password root')
    expect(failed.stderr).not.toMatch(STACK_LINE)
    const password = /username: root {2}password: (\S+)/.exec(failed.stdout)?.[1]
    expect(password, failed.stdout).toBeDefined()
    // On the terminal once, in no log line.
    expect(failed.stdout.split(password as string)).toHaveLength(2)
    expect(failed.stderr).not.toContain(password)

    // The next start does not create root again; the password shown by the failed one works.
    const server = await startStandalone(
      testConfig({ FEDHUB_DATA_DIR: dir, FEDHUB_PORT: '0' }),
      createLogger({ level: 'silent', service: 'test' }),
      { host: '127.0.0.1' },
    )
    try {
      expect(server.generatedRootPassword).toBeUndefined()
      const login = await fetch(`${server.url}/api/token/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password }),
      })
      expect(login.status).toBe(200)
    } finally {
      for (const step of server.shutdownSteps()) await step.run()
    }
  })

  it('fedhub start names FEDHUB_METRICS_PORT when the metrics port is taken', () => {
    const result = runCli(['start', '--host', '127.0.0.1'], {
      FEDHUB_DATA_DIR: dataDir(),
      FEDHUB_PORT: '0',
      FEDHUB_METRICS_PORT: String(held.port),
      FEDHUB_ROOT_PASSWORD: 'a-root-password-for-tests',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `fedhub start cannot start: port ${held.port} is already in use: set FEDHUB_METRICS_PORT to a free port\n`,
    )
  })

  it.each([
    ['FEDHUB_PORT', { FEDHUB_METRICS_PORT: '0' }],
    ['FEDHUB_METRICS_PORT', { FEDHUB_PORT: '0' }],
  ])('a service started on its own names %s', (setting, other) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'services/mailer/src/main.ts'], {
      cwd: ROOT,
      env: operatorEnv({
        FEDHUB_DATA_DIR: dataDir(),
        FEDHUB_REDIS_URL: process.env.FEDHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        FEDHUB_NATS_URL: process.env.FEDHUB_TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
        FEDHUB_NATS_NAMESPACE: `operator_${randomBytes(4).toString('hex')}`,
        FEDHUB_REDIS_KEY_PREFIX: `fedhub-test-${randomBytes(4).toString('hex')}:`,
        FEDHUB_LISTEN_HOST: '127.0.0.1',
        [setting]: String(held.port),
        ...other,
      }),
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `mailer cannot start: port ${held.port} is already in use: set ${setting} to a free port\n`,
    )
  })
})
