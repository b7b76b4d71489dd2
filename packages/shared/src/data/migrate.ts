import type { MigrationObject } from '@mikro-orm/core'
import { Migrator } from '@mikro-orm/migrations'
import type { FedhubOrm } from './create-orm.ts'

export { Migration } from '@mikro-orm/migrations'

/** Outcome of {@link applyMigrations}: the names applied in this call, oldest first. */
export interface MigrationReport {
  applied: string[]
}

/**
 * Applies the migrations of `list` that the database has not seen, each in its own transaction,
 * in list order. The list is static (no globbing), so it works under tsx and vitest alike.
 */
export async function applyMigrations(
  orm: FedhubOrm,
  list: readonly MigrationObject[],
): Promise<MigrationReport> {
  orm.config.set('migrations', { ...orm.config.get('migrations'), migrationsList: [...list] })
  const migrator = new Migrator(orm.em)
  const done = await migrator.up()
  return { applied: done.map((m) => m.name) }
}
