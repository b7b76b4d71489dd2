import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { Outbox, User } from '@fedhub/shared/entities'
import { createMetricsRegistry } from '@fedhub/shared/http'
import { buildServiceApp } from '@fedhub/shared/runtime'
import { testConfig } from '@fedhub/shared/testing'
import { createInProcessBus, createMemoryStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMigrations } from '../../core-api/src/data/run-migrations.ts'
import { seedCatalogue } from '../../core-api/src/data/seed/index.ts'
import { createAuth } from '../src/service.ts'
import { createUser } from './fixtures.ts'
import { silent } from './harness.ts'
import { call, eventually, login } from './helpers.ts'

// Standalone runs on SQLite with the in-process transports; the lockout and mail-slot updates
// compare timestamps in SQL, so they are checked on this dialect too.
let dir: string
let orm: FedhubOrm
let app: FastifyInstance

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fedhub-auth-sqlite-'))
  const config = testConfig({ FEDHUB_DATA_DIR: dir })
  orm = await createOrm(config, silent)
  await runMigrations(orm)
  await seedCatalogue(orm.em.fork(), silent)
  const context = {
    config,
    logger: silent,
    bus: createInProcessBus({ logger: silent }),
    kv: createMemoryStore(),
    registry: createMetricsRegistry(),
    publicKeys: config.publicKeys,
    readiness: [],
    openOrm: async () => orm,
  }
  app = await buildServiceApp(context, [await createAuth(context)], {
    serveApiDocs: false,
    service: 'auth',
  })
  await app.ready()
})
afterAll(async () => {
  await app?.close()
  await orm?.close(true)
  await rm(dir, { recursive: true, force: true })
})

describe('auth on SQLite (standalone)', () => {
  it('locks after max_failed_attempts, mails once, and unlocks after the lock expires', async () => {
    const user = await createUser(orm)
    for (let i = 0; i < 7; i += 1) await login(app, user.username, 'wrong')
    const row = await orm.em.fork().findOneOrFail(User, { id: user.id })
    expect(row.failedLoginAttempts).toBe(5)
    expect((await login(app, user.username, user.password)).status).toBe(401)
    await eventually(async () => {
      const rows = await orm.em.fork().find(Outbox, {})
      return rows.length === 1 ? rows : undefined
    })
    await orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { lastLoginAttempt: new Date(Date.now() - 16 * 60_000) })
    expect((await login(app, user.username, user.password)).status).toBe(200)
  })

  it('limits reset mails per user', async () => {
    const user = await createUser(orm)
    await call(app, 'POST', '/api/recover/lost', { body: { username: user.username } })
    await call(app, 'POST', '/api/recover/lost', { body: { username: user.username } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const mails = (await orm.em.fork().find(Outbox, {})).filter(
      (row) => (row.payload as { recipient: { user_id: number } }).recipient.user_id === user.id,
    )
    expect(mails).toHaveLength(1)
  })
})
