import {
  assertSchemaCurrent,
  FEDHUB_SCHEMA_VERSION,
  type FedhubOrm,
  readSchemaVersion,
} from '@fedhub/shared/data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POSTGRESQL_MIGRATIONS, runMigrations, SQLITE_MIGRATIONS } from '../../src/data/index.ts'
import { createTestDatabase, DRIVERS, type TestDatabase } from './test-db.ts'

describe.each(DRIVERS)('migrations on an empty %s database', (driver) => {
  let db: TestDatabase

  beforeAll(async () => {
    db = await createTestDatabase(driver)
  })
  afterAll(() => db.drop())

  it('refuses an unmigrated database, naming fedhub migrate', async () => {
    const orm = await db.open()
    await expect(assertSchemaCurrent(orm)).rejects.toThrow(/run `fedhub migrate`/)
    expect(await readSchemaVersion(orm)).toBe(0)
  })

  it('creates everything, records the schema version, and is idempotent', async () => {
    const orm = await db.open()
    const first = await runMigrations(orm)
    expect(first.applied).toEqual(['Migration0001AdoptOrCreate'])
    await assertSchemaCurrent(orm)
    expect(await readSchemaVersion(orm)).toBe(FEDHUB_SCHEMA_VERSION)
    const second = await runMigrations(orm)
    expect(second.applied).toEqual([])
  })

  it('matches the entities: the schema diff after migrating is empty', async () => {
    const orm = await db.open()
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false })
    expect(await withoutSqliteNoOps(orm, diff)).toBe('')
  })

  it('records the newest migration number as the required schema version', () => {
    expect(POSTGRESQL_MIGRATIONS).toHaveLength(FEDHUB_SCHEMA_VERSION)
    expect(SQLITE_MIGRATIONS).toHaveLength(FEDHUB_SCHEMA_VERSION)
  })
})

// MikroORM 6's SQLite comparator reports two changes that are not there: a bigint autoincrement
// key (stored as `integer primary key`, the only form SQLite allows) and enum columns with a
// native enum name (read back as text with a CHECK list it parses only partly). It answers with
// a rebuild of `outbox` and `rule` into a table of the very same definition. These rebuilds are
// accepted only when the new definition equals the live one, so any real drift still fails.
const SQLITE_FALSE_POSITIVES = new Set(['outbox', 'rule'])

async function withoutSqliteNoOps(orm: FedhubOrm, diff: string): Promise<string> {
  const rebuilt = [...diff.matchAll(/create table `(\w+)__temp_alter` (\(.*\));/g)]
  if (rebuilt.length === 0) return diff.trim()
  const em = orm.em.fork()
  let rest = diff
  for (const [, table, body] of rebuilt) {
    if (table === undefined || !SQLITE_FALSE_POSITIVES.has(table)) continue
    const live = await em.execute<{ sql: string }[]>(
      "select sql from sqlite_master where type = 'table' and name = ?",
      [table],
    )
    // SQLite upper-cases the leading keywords of the stored statement.
    expect(live[0]?.sql.replace(/^CREATE TABLE/, 'create table')).toBe(
      `create table \`${table}\` ${body}`,
    )
    rest = rest
      .split('\n')
      .filter(
        (line) => !line.includes(`\`${table}__temp_alter\``) && !line.includes(`\`${table}\``),
      )
      .join('\n')
  }
  return rest.replaceAll(/pragma foreign_keys = (on|off);/g, '').trim()
}
