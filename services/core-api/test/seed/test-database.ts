import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FedhubConfig } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { createLogger, type Logger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import pg from 'pg'
import { runMigrations } from '../../src/data/index.ts'

export type Engine = 'postgresql' | 'sqlite'
export const ENGINES: readonly Engine[] = ['postgresql', 'sqlite']

const PG_SERVER = 'postgresql://postgres@127.0.0.1:5432'

export interface TestDatabase {
  orm: FedhubOrm
  config: FedhubConfig
  /** Closes the ORM and removes the database. */
  drop(): Promise<void>
}

export const silentLogger: Logger = createLogger({ level: 'silent', service: 'test' })

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * A migrated, empty database of its own for one suite: a random PostgreSQL database on the local
 * server, or a SQLite file in a fresh temporary folder.
 */
export async function createTestDatabase(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<TestDatabase> {
  const name = `fedhub_test_${randomBytes(6).toString('hex')}`
  let uri: string
  let cleanup: () => Promise<void>
  if (engine === 'postgresql') {
    await admin((client) => client.query(`create database ${name}`))
    uri = `${PG_SERVER}/${name}`
    cleanup = () => admin((client) => client.query(`drop database ${name} with (force)`)).then()
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'fedhub-test-'))
    uri = `sqlite:///${join(dir, `${name}.sqlite`)}`
    cleanup = () => rm(dir, { recursive: true, force: true })
  }
  const config = testConfig({ FEDHUB_DB_URI: uri, ...env })
  const orm = await createOrm(config, silentLogger)
  await runMigrations(orm)
  return {
    orm,
    config,
    drop: async () => {
      await orm.close(true)
      await cleanup()
    },
  }
}
