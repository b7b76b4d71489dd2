import { type DatabaseConfig, parseDatabaseUri } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase, TEST_ENGINES, TEST_PG_SERVER } from '@fedhub/shared/testing'

export const PG_URL = TEST_PG_SERVER
export const silentLog = createLogger({ level: 'silent', service: 'test' })

export type Driver = DatabaseConfig['driver']
export const DRIVERS: Driver[] = [...TEST_ENGINES]

/** A throw-away database: a random PostgreSQL database or a SQLite file in a temp folder. */
export interface TestDatabase {
  config: { database: DatabaseConfig }
  open(options?: { poolMax?: number }): Promise<FedhubOrm>
  drop(): Promise<void>
}

/** Creates an empty database for one suite. */
export async function createTestDatabase(driver: Driver): Promise<TestDatabase> {
  const opened: FedhubOrm[] = []
  const scratch = await createScratchDatabase(driver)
  // Scratch URIs are absolute, so no data folder is needed to resolve them.
  const config = { database: parseDatabaseUri(scratch.uri, '/') }
  return {
    config,
    open: async (options) => {
      const orm = await createOrm(config, silentLog, options)
      opened.push(orm)
      return orm
    },
    drop: async () => {
      for (const orm of opened) await orm.close(true)
      await scratch.drop()
    },
  }
}
