export type { MigrationObject } from '@mikro-orm/core'
export { LockMode } from '@mikro-orm/core'
export type { CreateOrmOptions, FedhubEntityManager, FedhubOrm } from './create-orm.ts'
export { createOrm } from './create-orm.ts'
export type { Dialect } from './dialect.ts'
export { dialectOf } from './dialect.ts'
export { allocateJobId } from './job-id.ts'
export type { MigrationReport } from './migrate.ts'
export { applyMigrations, Migration } from './migrate.ts'
export { PinoOrmLogger } from './orm-logger.ts'
export { writeOutbox } from './outbox.ts'
export {
  currentEntityManager,
  enterRequestContext,
  withRequestContext,
} from './request-context.ts'
export { assertSchemaCurrent, FEDHUB_SCHEMA_VERSION, readSchemaVersion } from './schema-version.ts'
export { COUNTER_TABLE, FEDHUB_TABLES, JOB_ID_SEQUENCE, SCHEMA_VERSION_TABLE } from './tables.ts'
