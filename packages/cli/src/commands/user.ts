import { adminResetPassword, generatePassword } from '@fedhub/auth'
import type { FedhubOrm } from '@fedhub/shared/data'
import { createLogger } from '@fedhub/shared/logging'
import { createServiceContext, loadConfigOrExit } from '@fedhub/shared/runtime'
import { createTokenVersions } from '@fedhub/shared/tokens'
import type { Command } from 'commander'
import { CommandError } from '../terminal.ts'

/** `fedhub user reset-password USER`: for an operator who lost the root password. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('administer user accounts')
  user
    .command('reset-password <username>')
    .description('set a new password (printed once), unlock the account and end its sessions')
    .option('--password <password>', 'use this password instead of a generated one')
    .action(async (username: string, options: { password?: string }) => {
      const bootLogger = createLogger({ level: 'info', service: 'fedhub' })
      const config = loadConfigOrExit(bootLogger)
      const logger = createLogger({ level: config.logLevel, service: 'fedhub' })
      // Standalone mode still uses NATS and Redis when configured, and needs neither otherwise.
      const context = await createServiceContext(config, logger, 'standalone')
      try {
        const orm = (await context.openOrm()) as FedhubOrm
        const versions = createTokenVersions(async () => orm, context.kv, context.bus)
        const password = options.password ?? generatePassword()
        const rounds = config.raw.fedhub.bcrypt_rounds
        const id = await adminResetPassword(
          orm.em.fork(),
          versions,
          username,
          password,
          rounds,
        ).catch((error: unknown) => {
          if ((error as Error).name !== 'TableNotFoundException') throw error
          throw new CommandError('the database has no users yet: run `fedhub migrate` first')
        })
        logger.info({ userId: id }, 'password reset by operator')
        if (options.password === undefined) {
          // Shown once, on the terminal only: never logged.
          process.stdout.write(`new password for ${username}: ${password}\n`)
        }
      } finally {
        await context.close()
      }
    })
}
