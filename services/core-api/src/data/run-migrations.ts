import {
  applyMigrations,
  dialectOf,
  type FedhubOrm,
  type MigrationReport,
} from '@fedhub/shared/data'
import { POSTGRESQL_MIGRATIONS } from './migrations/postgresql/index.ts'
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.ts'

/**
 * Brings the database up to the schema this code needs: creates everything on an empty database,
 * adopts an upstream vantage6 4.x database additively, and records fedhub's schema version.
 *
 * @example
 * const { applied } = await runMigrations(orm)
 */
export function runMigrations(orm: FedhubOrm): Promise<MigrationReport> {
  const list = dialectOf(orm.em) === 'postgresql' ? POSTGRESQL_MIGRATIONS : SQLITE_MIGRATIONS
  return applyMigrations(orm, list)
}

/** The migration lists, for tests that check them against the entities. */
export { POSTGRESQL_MIGRATIONS, SQLITE_MIGRATIONS }
