import { ConfigError, loadConfig } from '../config/index.ts'
import { startMetricsServer } from '../http/index.ts'
import { createLogger, type Logger } from '../logging/index.ts'
import { buildServiceApp } from './build-service-app.ts'
import { createServiceContext } from './context.ts'
import { listenError } from './listen-error.ts'
import type { ServiceFactory } from './service-module.ts'
import { handleShutdown } from './shutdown.ts'

/** Loads the configuration or exits non-zero with every problem named. */
export function loadConfigOrExit(logger: Logger): ReturnType<typeof loadConfig> {
  try {
    const config = loadConfig({ env: process.env })
    for (const warning of config.warnings) logger.warn(warning)
    return config
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ problems: error.problems }, 'invalid configuration')
      // Also as plain text, so an operator at a terminal reads the list without a log viewer.
      process.stderr.write(`${error.message}\n`)
    } else {
      logger.fatal({ err: error }, 'cannot load configuration')
    }
    logger.flush()
    process.exit(1)
  }
}

/**
 * The entry point of one distributed service: load config, build, listen, serve metrics on
 * their own port, start background work, and drain on SIGTERM.
 */
export async function runService(
  name: string,
  factory: ServiceFactory,
  options: { serveApiDocs?: boolean; apiDocument?: Record<string, unknown> } = {},
): Promise<void> {
  const bootLogger = createLogger({ level: 'info', service: name })
  const config = loadConfigOrExit(bootLogger)
  const logger = createLogger({ level: config.logLevel, service: name })
  function cannotStart(error: unknown): never {
    logger.fatal({ err: error }, 'cannot start')
    process.stderr.write(`${name} cannot start: ${(error as Error).message}\n`)
    logger.flush()
    process.exit(1)
  }
  let context: Awaited<ReturnType<typeof createServiceContext>>
  let module: Awaited<ReturnType<ServiceFactory>>
  try {
    context = await createServiceContext(config, logger, 'distributed')
    module = await factory(context)
  } catch (error) {
    // A start-up refusal (old schema, missing dependency) must read as a sentence, not a trace.
    cannotStart(error)
  }
  const app = await buildServiceApp(context, [module], {
    serveApiDocs: options.serveApiDocs ?? false,
    apiDocument: options.apiDocument,
    service: name,
  })
  const host = config.raw.fedhub.listen_host
  let metrics: Awaited<ReturnType<typeof startMetricsServer>>
  try {
    metrics = await startMetricsServer(context.registry, config.metricsPort, host)
  } catch (error) {
    cannotStart(listenError(error, config.metricsPort, 'FEDHUB_METRICS_PORT'))
  }
  handleShutdown(logger, () => [
    { name: 'stop background work', run: async () => module.stop?.() },
    { name: 'close http', run: () => app.close() },
    { name: 'close metrics', run: () => metrics.close() },
    { name: 'close transports', run: () => context.close() },
  ])
  try {
    await app.listen({ port: config.port, host })
  } catch (error) {
    cannotStart(listenError(error, config.port, 'FEDHUB_PORT'))
  }
  await module.start?.()
  logger.info({ port: config.port, metricsPort: metrics.port }, 'service started')
}
