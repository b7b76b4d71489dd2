import { Writable } from 'node:stream'
import type { FedhubConfig } from '@fedhub/shared/config'
import { Authenticatable, Organization, User } from '@fedhub/shared/entities'
import { isAppError } from '@fedhub/shared/errors'
import { createLogger } from '@fedhub/shared/logging'
import bcrypt from 'bcrypt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedCatalogue, seedRootUser } from '../../src/data/seed/index.ts'
import { createTestDatabase, ENGINES, silentLogger, type TestDatabase } from './test-database.ts'

type FedhubSettings = FedhubConfig['raw']['fedhub']

function withRootSettings(config: FedhubConfig, settings: Partial<FedhubSettings>): FedhubConfig {
  const fedhub: FedhubSettings = { ...config.raw.fedhub }
  delete fedhub.root_password
  delete fedhub.root_password_hash
  return { ...config, raw: { ...config.raw, fedhub: { ...fedhub, ...settings } } }
}

function capturingLogger() {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, logger: createLogger({ level: 'debug', service: 'test' }, sink) }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(isAppError(error) ? error.code : error).toBe(code)
}

describe.each(ENGINES)('seedRootUser on %s', (engine) => {
  let db: TestDatabase
  const em = () => db.orm.em.fork()

  beforeEach(async () => {
    db = await createTestDatabase(engine)
    await seedCatalogue(em(), silentLogger)
  })
  afterEach(async () => {
    await db?.drop()
  })

  it('creates root with the configured hash, then leaves it alone', async () => {
    const hash = await bcrypt.hash('correct horse', 4)
    const config = withRootSettings(db.config, { root_password_hash: hash })
    const result = await seedRootUser(em(), config, silentLogger)
    expect(result).toMatchObject({ created: true, source: 'configured hash' })
    expect(result).not.toHaveProperty('generatedPassword')

    const user = await em().findOneOrFail(
      User,
      { username: 'root' },
      { populate: ['roles', 'organization', 'authenticatable'] },
    )
    expect(user).toMatchObject({
      email: 'root@domain.ext',
      password: hash,
      failedLoginAttempts: 0,
      organization: { name: 'root' },
      authenticatable: { type: 'user' },
    })
    expect(user.roles.getItems().map((role) => role.name)).toEqual(['Root'])
    expect(await seedRootUser(em(), config, silentLogger)).toEqual({ created: false })
    expect(await em().count(User, {})).toBe(1)
  })

  it('hashes a configured plain password with the configured cost', async () => {
    const config = withRootSettings(db.config, { root_password: 'from the config' })
    await seedRootUser(em(), config, silentLogger)
    const user = await em().findOneOrFail(User, { username: 'root' })
    expect(user.password).toMatch(/^\$2b\$04\$/)
    expect(await bcrypt.compare('from the config', user.password!)).toBe(true)
  })

  it('generates a password only when allowed, returns it and never logs it', async () => {
    const config = withRootSettings(db.config, {})
    await expectCode(seedRootUser(em(), config, silentLogger), 'seed.root_password_missing')
    expect(await em().count(User, {})).toBe(0)
    expect(await em().count(Organization, {})).toBe(0)

    const { lines, logger } = capturingLogger()
    const result = await seedRootUser(em(), config, logger, { allowGeneratedPassword: true })
    if (!result.created || result.generatedPassword === undefined) throw new Error('no password')
    const user = await em().findOneOrFail(User, { username: 'root' })
    expect(await bcrypt.compare(result.generatedPassword, user.password!)).toBe(true)
    expect(lines.join('')).toContain('root user created')
    expect(lines.join('')).not.toContain(result.generatedPassword)
  })

  it('refuses the hash of an empty password', async () => {
    const config = withRootSettings(db.config, { root_password_hash: await bcrypt.hash('', 4) })
    await expectCode(seedRootUser(em(), config, silentLogger), 'seed.root_password_hash_invalid')
    expect(await em().count(User, {})).toBe(0)
  })

  it('creates exactly one root when replicas start together', async () => {
    const config = withRootSettings(db.config, { root_password: 'together' })
    const results = await Promise.all(
      Array.from({ length: 6 }, () => seedRootUser(em(), config, silentLogger)),
    )
    expect(results.filter((result) => result.created)).toHaveLength(1)
    expect(await em().count(User, {})).toBe(1)
    expect(await em().count(Organization, { name: 'root' })).toBe(1)
    expect(await em().count(Authenticatable, {})).toBe(1)
  })
})
