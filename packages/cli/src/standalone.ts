import { mkdirSync } from 'node:fs'
import { createAuth, loadSigningKeys, publicKeySet } from '@fedhub/auth'
import { createCoreApi, prepareDatabase } from '@fedhub/core-api'
import { createMailer } from '@fedhub/mailer'
import type { FedhubConfig } from '@fedhub/shared/config'
import { startMetricsServer } from '@fedhub/shared/http'
import type { Logger } from '@fedhub/shared/logging'
import {
  buildServiceApp,
  createServiceContext,
  listenError,
  type ServiceFactory,
  type ShutdownStep,
} from '@fedhub/shared/runtime'
import { createSocketGateway } from '@fedhub/socket-gateway'

/** Every service, in the order they start; each registers what the route table gives it. */
export const SERVICE_FACTORIES: ReadonlyArray<ServiceFactory> = [
  createCoreApi,
  createAuth,
  createSocketGateway,
  createMailer,
]

export interface StandaloneServer {
  url: string
  metricsUrl: string
  /** Present only when this start created the root account with a generated password. */
  generatedRootPassword: string | undefined
  shutdownSteps(): ShutdownStep[]
}

/**
 * Runs every service in this process behind one port: the API under the API path and
 * Socket.IO at `/socket.io/`, over the in-process bus and in-memory store unless the config
 * names NATS and Redis. The database is migrated and seeded first, so a newcomer needs no
 * second command.
 */
export async function startStandalone(
  config: FedhubConfig,
  logger: Logger,
  options: {
    host?: string
    /**
     * Called as soon as this start created `root` with a generated password, before any port is
     * bound: a start that fails later must not take the only copy of the password with it.
     */
    onRootPassword?: (password: string) => void
  } = {},
): Promise<StandaloneServer> {
  mkdirSync(config.dataDir, { recursive: true })
  const context = await createServiceContext(config, logger, 'standalone')
  const orm = await context.openOrm()
  const { generatedRootPassword } = await prepareDatabase(orm, context, {
    allowGeneratedPassword: true,
  })
  if (generatedRootPassword !== undefined) options.onRootPassword?.(generatedRootPassword)
  // One process, so every service verifies with the key auth signs with (kept in the data folder).
  context.publicKeys ??= publicKeySet(await loadSigningKeys(config.dataDir, { generate: true }))
  const modules = await Promise.all(SERVICE_FACTORIES.map((create) => create(context)))
  const app = await buildServiceApp(context, modules, { serveApiDocs: true, service: 'fedhub' })
  const metrics = await startMetricsServer(
    context.registry,
    config.metricsPort,
    options.host,
  ).catch((error: unknown) => {
    throw listenError(error, config.metricsPort, 'FEDHUB_METRICS_PORT')
  })
  const host = options.host ?? '0.0.0.0'
  await app.listen({ port: config.port, host }).catch((error: unknown) => {
    throw listenError(error, config.port, 'FEDHUB_PORT')
  })
  for (const module of modules) await module.start?.()
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host
  return {
    url: `http://${shownHost}:${port}`,
    metricsUrl: `http://${shownHost}:${metrics.port}/metrics`,
    generatedRootPassword,
    shutdownSteps: () => [
      ...modules.map((module) => ({
        name: `stop ${module.name}`,
        run: async () => module.stop?.(),
      })),
      { name: 'close http', run: () => app.close() },
      { name: 'close metrics', run: () => metrics.close() },
      { name: 'close transports and database', run: () => context.close() },
    ],
  }
}
