import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { User } from '@fedhub/shared/entities'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import {
  type AuthInstance,
  createSuite,
  PG_URL,
  REDIS_URL,
  type Suite,
  startAuth,
} from './harness.ts'
import { call, login } from './helpers.ts'

const run = promisify(execFile)
const CLI_DIR = resolve(import.meta.dirname, '../../../packages/cli')
const COMMANDS = join(CLI_DIR, 'src/commands/auth.ts')
const COMMANDER = createRequire(join(CLI_DIR, 'package.json')).resolve('commander')

let suite: Suite
let auth: AuthInstance
let entry: string

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite)
  // The operator commands alone, so the test does not depend on the rest of the CLI.
  entry = join(suite.dataDir, 'cli.mts')
  await writeFile(
    entry,
    `import { Command } from '${COMMANDER}'\nimport { registerAuthCommands } from '${COMMANDS}'\nconst p = new Command()\nregisterAuthCommands(p)\nawait p.parseAsync(process.argv)\n`,
  )
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

const cli = (args: string[]) =>
  run('npx', ['tsx', entry, ...args], {
    cwd: CLI_DIR,
    env: {
      ...process.env,
      FEDHUB_DATA_DIR: suite.dataDir,
      FEDHUB_DB_URI: `${PG_URL}/${suite.dbName}`,
      FEDHUB_REDIS_URL: REDIS_URL,
      FEDHUB_BCRYPT_ROUNDS: '4',
      FEDHUB_LOG_LEVEL: 'ERROR',
    },
  })

describe('fedhub user reset-password', () => {
  it('sets a printed password, unlocks the account and ends its sessions', async () => {
    const user = await createUser(suite.orm)
    await suite.orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { failedLoginAttempts: 5, lastLoginAttempt: new Date() })
    const { stdout } = await cli(['user', 'reset-password', user.username])
    const password = /new password for .+: (\S+)/.exec(stdout)?.[1] ?? ''
    expect(password.length).toBeGreaterThan(20)
    expect((await login(auth.app, user.username, password)).status).toBe(200)
    // The command's Redis prefix is not this suite's, so the version is checked in the database.
    const row = await suite.orm.em
      .fork()
      .findOneOrFail(User, { id: user.id }, { populate: ['authenticatable'] })
    expect(row.authenticatable?.tokenVersion).toBe(1)
  }, 60_000)
})

describe('fedhub keys rotate', () => {
  it('prints a new key set that keeps the current key for verification', async () => {
    const jwks = (await call(auth.app, 'GET', '/.well-known/jwks.json')).body as {
      keys: Array<{ kid: string }>
    }
    const { stdout } = await cli(['keys', 'rotate'])
    const printed = JSON.parse(stdout) as {
      signing_keys: { keys: Array<{ kid: string; d: string }> }
      public_keys: { keys: Array<Record<string, unknown>> }
    }
    expect(printed.signing_keys.keys).toHaveLength(2)
    expect(printed.signing_keys.keys[1]?.kid).toBe(jwks.keys[0]?.kid)
    expect(printed.signing_keys.keys[0]?.kid).not.toBe(jwks.keys[0]?.kid)
    for (const key of printed.public_keys.keys) expect(key).not.toHaveProperty('d')
  }, 60_000)
})
