import type { MigrationObject } from '@fedhub/shared/data'
import { Migration0001AdoptOrCreate } from './m0001-adopt-or-create.ts'

/** PostgreSQL migrations, oldest first; names are recorded in `fedhub_migrations`. */
export const POSTGRESQL_MIGRATIONS: readonly MigrationObject[] = [
  { name: 'Migration0001AdoptOrCreate', class: Migration0001AdoptOrCreate },
]
