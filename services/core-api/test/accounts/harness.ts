import type { FedhubOrm } from '@fedhub/shared/data'
import { createLogger } from '@fedhub/shared/logging'
import { buildServiceApp } from '@fedhub/shared/runtime'
import { testConfig } from '@fedhub/shared/testing'
import { createInProcessBus, createMemoryStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { createMetricsRegistry } from '../../../../packages/shared/src/http/metrics.ts'
import { runMigrations } from '../../src/data/index.ts'
import { seedCatalogue } from '../../src/data/seed/index.ts'
import { createCoreApi } from '../../src/service.ts'
import { createTestDatabase, type TestDatabase } from '../data/test-db.ts'

/** One suite's world: a migrated, seeded PostgreSQL database, the app and a token signer. */
export interface Harness {
  app: FastifyInstance
  orm: FedhubOrm
  db: TestDatabase
  /** Counts SQL statements sent while `work` runs. */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>
  userToken(id: number, extra?: Record<string, unknown>): Promise<string>
  nodeToken(id: number): Promise<string>
  containerToken(subject: Record<string, unknown>): Promise<string>
  close(): Promise<void>
}

/** `env` overrides configuration as environment variables would (e.g. a small body limit). */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('postgresql')
  const orm = await db.open()
  await runMigrations(orm)
  await seedCatalogue(orm.em.fork())
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256' }
  const config = { ...testConfig(env), publicKeys: { keys: [jwk] } }
  const logger = createLogger({ level: 'silent', service: 'test' })
  let queries = 0
  // Count at the driver: every statement the ORM sends passes through knex's query event.
  orm.em.getKnex().client.on('query', () => {
    queries++
  })
  const context = {
    config,
    logger,
    bus: createInProcessBus({ logger }),
    kv: createMemoryStore(),
    registry: createMetricsRegistry(),
    publicKeys: config.publicKeys,
    readiness: [],
    openOrm: async () => orm,
  }
  const module = await createCoreApi(context)
  const app = await buildServiceApp(context, [module], { serveApiDocs: true, service: 'core-api' })
  await app.ready()
  const sign = (payload: Record<string, unknown>) => {
    const iat = Math.floor(Date.now() / 1000)
    const base = {
      fresh: false,
      iat,
      nbf: iat,
      jti: crypto.randomUUID(),
      type: 'access',
      roles: [],
    }
    return new SignJWT({ ...base, ...payload })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .sign(privateKey)
  }
  const exp = () => Math.floor(Date.now() / 1000) + 3600
  return {
    app,
    orm,
    db,
    async countQueries(work) {
      const before = queries
      const result = await work()
      return { result, queries: queries - before }
    },
    sql: async (query, params = []) => (await orm.em.fork().execute(query, params)) as never,
    userToken: (id, extra = {}) => sign({ sub: id, client_type: 'user', exp: exp(), ...extra }),
    nodeToken: (id) => sign({ sub: id, client_type: 'node', exp: exp() }),
    containerToken: (subject) =>
      sign({ sub: { client_type: 'container', ...subject }, client_type: 'container' }),
    async close() {
      await app.close()
      await db.drop()
    },
  }
}
