import { AppError } from '../errors/index.ts'
import type { FedhubOrm } from './create-orm.ts'
import { dialectOf } from './dialect.ts'
import { SCHEMA_VERSION_TABLE } from './tables.ts'

/**
 * The schema version this code needs: the number of the newest fedhub migration. Each migration
 * records its number, so a service can refuse a database that `fedhub migrate` has not updated.
 */
export const FEDHUB_SCHEMA_VERSION = 1

/** Reads the recorded schema version; 0 when fedhub never migrated this database. */
export async function readSchemaVersion(orm: FedhubOrm): Promise<number> {
  const em = orm.em.fork()
  const exists =
    dialectOf(em) === 'postgresql'
      ? await em.execute<{ t: string | null }[]>(`select to_regclass(?) as t`, [
          SCHEMA_VERSION_TABLE,
        ])
      : await em.execute<{ t: string | null }[]>(
          `select name as t from sqlite_master where type = 'table' and name = ?`,
          [SCHEMA_VERSION_TABLE],
        )
  if (exists[0]?.t == null) return 0
  const rows = await em.execute<{ version: number }[]>(
    `select version from ${SCHEMA_VERSION_TABLE} where id = 1`,
  )
  return Number(rows[0]?.version ?? 0)
}

/**
 * Throws unless the database schema is at least {@link FEDHUB_SCHEMA_VERSION}. Services call it
 * at start-up; only `fedhub migrate` changes the schema.
 *
 * @example
 * await assertSchemaCurrent(orm) // AppError 'data.schema_outdated' → operator runs fedhub migrate
 */
export async function assertSchemaCurrent(orm: FedhubOrm): Promise<void> {
  const found = await readSchemaVersion(orm)
  if (found >= FEDHUB_SCHEMA_VERSION) return
  throw new AppError(
    'data.schema_outdated',
    `The database schema is at version ${found} but this fedhub needs version ${FEDHUB_SCHEMA_VERSION}: run \`fedhub migrate\` first`,
  )
}
