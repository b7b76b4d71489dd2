import { prepareDatabase } from '@fedhub/core-api'
import { createLogger } from '@fedhub/shared/logging'
import { createServiceContext, loadConfigOrExit } from '@fedhub/shared/runtime'
import type { Command } from 'commander'

/**
 * `fedhub migrate`: brings the database schema up to date (adopting an upstream vantage6 4.x
 * database additively), creates the JetStream streams and consumers, syncs rules and built-in
 * roles, and creates `root` from a configured password or hash. Run before every upgrade.
 */
export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'migrate the database, create streams and consumers, sync rules and roles, create root',
    )
    .action(async () => {
      const bootLogger = createLogger({ level: 'info', service: 'migrate' })
      const config = loadConfigOrExit(bootLogger)
      const logger = createLogger({ level: config.logLevel, service: 'migrate' })
      const context = await createServiceContext(config, logger, 'standalone')
      try {
        const orm = await context.openOrm()
        const result = await prepareDatabase(orm, context, { allowGeneratedPassword: false })
        process.stdout.write(
          result.applied.length === 0
            ? 'database already up to date\n'
            : `applied: ${result.applied.join(', ')}\n`,
        )
      } finally {
        await context.close()
      }
    })
}
