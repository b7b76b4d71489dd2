import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FedhubConfig } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { createMetricsRegistry } from '@fedhub/shared/http'
import { createLogger } from '@fedhub/shared/logging'
import { buildServiceApp, type ServiceContext } from '@fedhub/shared/runtime'
import { testConfig } from '@fedhub/shared/testing'
import { createNatsBus, createRedisStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import { stringify } from 'yaml'
import { runMigrations } from '../../core-api/src/data/run-migrations.ts'
import { seedCatalogue } from '../../core-api/src/data/seed/index.ts'
import { createAuth } from '../src/service.ts'

export const PG_URL = 'postgresql://postgres@127.0.0.1:5432'
export const REDIS_URL = 'redis://127.0.0.1:6379'
export const NATS_URL = 'nats://127.0.0.1:4222'
export const silent = createLogger({ level: 'silent', service: 'auth-test' })

async function admin(sql: string): Promise<void> {
  const orm = await createOrm(
    { database: { driver: 'postgresql', clientUrl: `${PG_URL}/postgres`, dbName: 'postgres' } },
    silent,
    { poolMax: 1 },
  )
  try {
    await orm.em.fork().execute(sql)
  } finally {
    await orm.close(true)
  }
}

/** One suite's world: a fresh, migrated and seeded database, a data folder, a store prefix. */
export interface Suite {
  orm: FedhubOrm
  dataDir: string
  /** Keeps this suite's keys in the shared Redis apart from every other suite's. */
  kvPrefix: string
  dbName: string
  close(): Promise<void>
}

export async function createSuite(): Promise<Suite> {
  const dbName = `fedhub_auth_${randomBytes(6).toString('hex')}`
  await admin(`create database "${dbName}"`)
  const database = { driver: 'postgresql' as const, clientUrl: `${PG_URL}/${dbName}`, dbName }
  const orm = await createOrm({ database }, silent, { poolMax: 20 })
  await runMigrations(orm)
  await seedCatalogue(orm.em.fork(), silent)
  const dataDir = await mkdtemp(join(tmpdir(), 'fedhub-auth-'))
  return {
    orm,
    dataDir,
    dbName,
    kvPrefix: `fedhub-test-${randomBytes(4).toString('hex')}:`,
    async close() {
      await orm.close(true)
      await admin(`drop database if exists "${dbName}" with (force)`)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export interface AuthInstance {
  app: FastifyInstance
  context: ServiceContext
  config: FedhubConfig
  /** bcrypt calls this instance started, by kind. */
  bcryptCalls(): Promise<{ compare: number; hash: number }>
  close(): Promise<void>
}

/** Settings every suite starts from: generous address limits so suites never meet each other. */
export const BASE_SETTINGS = {
  fedhub: { rate_limits: { per_address_per_minute: 100_000, per_account_per_minute: 1000 } },
}

/** Starts one auth instance over the suite's database, the real Redis and the real NATS. */
export async function startAuth(
  suite: Suite,
  settings: Record<string, unknown> = BASE_SETTINGS,
  env: Record<string, string> = {},
): Promise<AuthInstance> {
  const file = join(suite.dataDir, `config-${randomBytes(4).toString('hex')}.yaml`)
  await writeFile(file, stringify(settings))
  const config = testConfig({
    FEDHUB_CONFIG: file,
    FEDHUB_DATA_DIR: suite.dataDir,
    FEDHUB_DB_URI: `${PG_URL}/${suite.dbName}`,
    FEDHUB_REDIS_URL: REDIS_URL,
    FEDHUB_NATS_URL: NATS_URL,
    ...env,
  })
  const bus = await createNatsBus({ url: NATS_URL, name: 'auth-test', logger: silent })
  const kv = createRedisStore({ url: REDIS_URL, keyPrefix: suite.kvPrefix, logger: silent })
  const registry = createMetricsRegistry()
  const context: ServiceContext = {
    config,
    logger: silent,
    bus,
    kv,
    registry,
    publicKeys: config.publicKeys,
    readiness: [],
    openOrm: async () => suite.orm,
  }
  let module: Awaited<ReturnType<typeof createAuth>>
  try {
    module = await createAuth(context)
  } catch (error) {
    await bus.close()
    await kv.close()
    throw error
  }
  const app = await buildServiceApp(context, [module], { serveApiDocs: false, service: 'auth' })
  await app.ready()
  return {
    app,
    context,
    config,
    async bcryptCalls() {
      const metric = await registry.getSingleMetric('fedhub_auth_bcrypt_calls_total')?.get()
      const count = (kind: string) => metric?.values.find((v) => v.labels.kind === kind)?.value ?? 0
      return { compare: count('compare'), hash: count('hash') }
    },
    async close() {
      await app.close()
      await module.stop?.()
      await bus.close()
      await kv.close()
    },
  }
}
