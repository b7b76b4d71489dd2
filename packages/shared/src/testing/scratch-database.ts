import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** The PostgreSQL server integration tests use; trust auth for `postgres` by default. */
export const TEST_PG_SERVER =
  process.env.FEDHUB_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432'

export type TestEngine = 'postgresql' | 'sqlite'
export const TEST_ENGINES: readonly TestEngine[] = ['postgresql', 'sqlite']

export interface ScratchDatabase {
  /** URI in the form `uri`/`FEDHUB_DB_URI` accept. */
  uri: string
  /** Removes the database (PostgreSQL: forcing out open sessions) or its folder. */
  drop(): Promise<void>
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * An empty database of its own for one test suite: a randomly named database on the test
 * PostgreSQL server, or a SQLite file in a fresh temporary folder.
 *
 * @example
 * const db = await createScratchDatabase('postgresql')
 * const config = testConfig({ FEDHUB_DB_URI: db.uri })
 */
export async function createScratchDatabase(engine: TestEngine): Promise<ScratchDatabase> {
  const name = `fedhub_test_${randomBytes(6).toString('hex')}`
  if (engine === 'postgresql') {
    await onServer(`create database "${name}"`)
    return {
      uri: `${TEST_PG_SERVER}/${name}`,
      drop: () => onServer(`drop database if exists "${name}" with (force)`),
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'fedhub-test-'))
  return {
    uri: `sqlite:///${join(dir, `${name}.sqlite`)}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  }
}
