import type { FedhubOrm } from '@fedhub/shared/data'
import { CONSUMERS, streamsFor } from '@fedhub/shared/events'
import type { ServiceContext } from '@fedhub/shared/runtime'
import { TableNotFoundException } from '@mikro-orm/core'
import { runMigrations } from './run-migrations.ts'
import {
  missingPassword,
  rootPasswordConfigured,
  seedCatalogue,
  seedRootUser,
} from './seed/index.ts'

export interface PrepareDatabaseResult {
  /** Migrations applied by this call, oldest first. */
  applied: string[]
  /** Set only when this call created `root` with a generated password (standalone). */
  generatedRootPassword: string | undefined
}

/**
 * What `fedhub migrate` does, and what `fedhub start` does before it serves: bring the schema
 * up to date, create the streams and durable consumers, keep rules and built-in roles in step
 * with the catalogue, and create `root` when the database has no user yet.
 *
 * @example
 * const { generatedRootPassword } = await prepareDatabase(orm, context, { allowGeneratedPassword: true })
 */
export async function prepareDatabase(
  orm: FedhubOrm,
  context: Pick<ServiceContext, 'config' | 'logger' | 'bus'>,
  options: { allowGeneratedPassword: boolean },
): Promise<PrepareDatabaseResult> {
  // Refuse before writing anything: a database that will need `root` but has no password for it
  // must not be left half prepared (schema and rules written, no account to log in with).
  if (
    !options.allowGeneratedPassword &&
    !rootPasswordConfigured(context.config) &&
    !(await hasUsers(orm))
  ) {
    throw missingPassword()
  }
  const { applied } = await runMigrations(orm)
  await context.bus.ensureStreams(streamsFor(context.config.emailTokenValidityMinutes), [
    ...CONSUMERS,
  ])
  const catalogue = await seedCatalogue(orm.em.fork(), context.logger)
  const root = await seedRootUser(orm.em.fork(), context.config, context.logger, options)
  context.logger.info(
    {
      migrationsApplied: applied,
      rulesCreated: catalogue.rulesCreated,
      rolesCreated: catalogue.rolesCreated,
      rootCreated: root.created,
    },
    'database prepared',
  )
  return {
    applied,
    generatedRootPassword: root.created ? root.generatedPassword : undefined,
  }
}

/** Whether the database already has a user; a database without the user table has none. */
async function hasUsers(orm: FedhubOrm): Promise<boolean> {
  try {
    // Raw SQL: an upstream database not adopted yet may lack columns the entity maps.
    const rows = await orm.em.fork().execute('select 1 from "user" limit 1')
    return rows.length > 0
  } catch (error) {
    if (error instanceof TableNotFoundException) return false
    throw error
  }
}
