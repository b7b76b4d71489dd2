import { createLogger } from '@fedhub/shared/logging'
import { handleShutdown, loadConfigOrExit } from '@fedhub/shared/runtime'
import type { Command } from 'commander'
import { type StandaloneServer, startStandalone } from '../standalone.ts'
import { announceRootPassword, ROOT_PASSWORD_KEPT } from '../terminal.ts'

/** `fedhub start`: the whole server in one process, for a laptop, a demo or the tests. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'run every service in one process (config from FEDHUB_CONFIG and the environment: FEDHUB_PORT, FEDHUB_DATA_DIR, FEDHUB_ROOT_PASSWORD, …)',
    )
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .action(async (options: { host: string }) => {
      const bootLogger = createLogger({ level: 'info', service: 'fedhub' })
      const config = loadConfigOrExit(bootLogger)
      const logger = createLogger({ level: config.logLevel, service: 'fedhub' })
      let server: StandaloneServer
      let rootCreated = false
      try {
        server = await startStandalone(config, logger, {
          host: options.host,
          onRootPassword: (password) => {
            rootCreated = true
            announceRootPassword(password)
          },
        })
      } catch (error) {
        // A taken port or an unreachable database must read as a sentence, not a stack trace.
        logger.fatal({ err: error }, 'cannot start')
        process.stderr.write(`fedhub start cannot start: ${(error as Error).message}\n`)
        if (rootCreated) process.stderr.write(`${ROOT_PASSWORD_KEPT}\n`)
        logger.flush()
        process.exit(1)
      }
      handleShutdown(logger, () => server.shutdownSteps())
      logger.info(
        { url: server.url, api: `${server.url}${config.apiPath}`, metrics: server.metricsUrl },
        'fedhub standalone server started',
      )
    })
}
