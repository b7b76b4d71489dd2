import { readFile } from 'node:fs/promises'
import {
  FixtureImportError,
  formatProblems,
  importFixture,
  parseFixture,
  prepareDatabase,
} from '@fedhub/core-api'
import { createLogger } from '@fedhub/shared/logging'
import { createServiceContext, loadConfigOrExit } from '@fedhub/shared/runtime'
import { loadApiKeySecret } from '@fedhub/shared/tokens'
import type { Command } from 'commander'
import { CommandError, reasonOf } from '../terminal.ts'

/**
 * `fedhub import FILE`: loads a network in the upstream fixture format. A malformed file, or one
 * that clashes with the database, is refused with the line and reason of each problem, and
 * nothing is written.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'fixture YAML in the vantage6 import format')
    .description('import organizations, users, collaborations and nodes from a fixture file')
    .action(async (file: string) => {
      const bootLogger = createLogger({ level: 'info', service: 'import' })
      const config = loadConfigOrExit(bootLogger)
      const logger = createLogger({ level: config.logLevel, service: 'import' })
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new CommandError(`cannot read ${file}: ${reasonOf(error)}`, { cause: error })
      })
      const parsed = parseFixture(text)
      if (!parsed.ok) {
        process.stderr.write(`${file} is not a valid fixture:\n${formatProblems(parsed.errors)}\n`)
        process.exitCode = 1
        return
      }
      const context = await createServiceContext(config, logger, 'standalone')
      try {
        const orm = await context.openOrm()
        await prepareDatabase(orm, context, { allowGeneratedPassword: false })
        const report = await importFixture(orm.em.fork(), parsed.fixture, {
          bcryptRounds: config.raw.fedhub.bcrypt_rounds,
          // Only a standalone server may invent the secret; a deployment mounts the shared one.
          apiKeyDigestKey: await loadApiKeySecret(config.dataDir, {
            generate: config.natsUrl === undefined,
          }),
          logger,
        })
        process.stdout.write(`imported: ${JSON.stringify(report)}\n`)
      } catch (error) {
        if (!(error instanceof FixtureImportError)) throw error
        process.stderr.write(`${file} was not imported:\n${error.message}\n`)
        process.exitCode = 1
      } finally {
        await context.close()
      }
    })
}
