import type { FedhubConfig } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { createLogger, type Logger } from '@fedhub/shared/logging'
import {
  createScratchDatabase,
  TEST_ENGINES,
  type TestEngine,
  testConfig,
} from '@fedhub/shared/testing'
import { runMigrations } from '../../src/data/index.ts'

export type Engine = TestEngine
export const ENGINES = TEST_ENGINES

export interface TestDatabase {
  orm: FedhubOrm
  config: FedhubConfig
  /** Closes the ORM and removes the database. */
  drop(): Promise<void>
}

export const silentLogger: Logger = createLogger({ level: 'silent', service: 'test' })

/** A migrated, empty database of its own for one suite. */
export async function createTestDatabase(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(engine)
  const config = testConfig({ FEDHUB_DB_URI: scratch.uri, ...env })
  const orm = await createOrm(config, silentLogger)
  await runMigrations(orm)
  return {
    orm,
    config,
    drop: async () => {
      await orm.close(true)
      await scratch.drop()
    },
  }
}
