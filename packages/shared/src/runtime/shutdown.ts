import type { Logger } from '../logging/index.ts'

export interface ShutdownStep {
  name: string
  run(): Promise<void>
}

/**
 * Runs the steps in order on SIGTERM or SIGINT, logging each phase; a second signal forces exit
 * so an operator is never stuck behind a hung drain.
 */
export function handleShutdown(logger: Logger, steps: () => ShutdownStep[]): void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now')
      process.exit(1)
    }
    stopping = true
    logger.info({ signal }, 'shutting down')
    void (async () => {
      let failed = false
      for (const step of steps()) {
        try {
          await step.run()
          logger.info({ step: step.name }, 'shutdown step done')
        } catch (error) {
          failed = true
          logger.error({ err: error, step: step.name }, 'shutdown step failed')
        }
      }
      logger.info('shutdown complete')
      logger.flush()
      process.exit(failed ? 1 : 0)
    })()
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}
