export type { PrepareDatabaseResult } from './prepare-database.ts'
export { prepareDatabase } from './prepare-database.ts'
export { POSTGRESQL_MIGRATIONS, runMigrations, SQLITE_MIGRATIONS } from './run-migrations.ts'
