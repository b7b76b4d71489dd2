import { assertSchemaCurrent } from '@fedhub/shared/data'
import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import { createTokenVersions, loadApiKeySecret } from '@fedhub/shared/tokens'
import { createAnnouncedStatuses } from './domain/runs/announced-statuses.ts'
import { scheduleRunCleanup } from './domain/runs/cleanup-runs.ts'
import { OutboxRelay } from './events/outbox-relay.ts'
import { startRealtime } from './realtime/index.ts'
import { registerAccountRoutes } from './routes/account-routes.ts'
import { registerFederatedRoutes } from './routes/federated-routes.ts'
import { databaseReachable, registerHealthRoute } from './routes/system/health.ts'
import { registerVersionRoute } from './routes/system/version.ts'

/**
 * core-api: every REST resource outside auth, the permission engine, the task and run life
 * cycle, what the gateways hear from and ask about sockets, the outbox relay and the jobs run
 * by one elected replica. It refuses to start against
 * a schema older than it needs (`fedhub migrate` brings it up to date).
 */
export async function createCoreApi(context: ServiceContext): Promise<ServiceModule> {
  const { config } = context
  const orm = await context.openOrm()
  await assertSchemaCurrent(orm)
  context.readiness.push({ name: 'database', check: () => databaseReachable(context.openOrm) })
  const relay = new OutboxRelay(orm, context.bus, { log: context.logger })
  const announcedStatuses = createAnnouncedStatuses(context.kv, context.logger)
  let stopCleanup = () => {}
  let stopRealtime = async () => {}
  return {
    name: 'core-api',
    async registerRoutes(app) {
      registerVersionRoute(app, config.apiPath)
      registerHealthRoute(app, config.apiPath, context.openOrm)
      await registerAccountRoutes(app, {
        apiPath: config.apiPath,
        bcryptRounds: config.raw.fedhub.bcrypt_rounds,
        openOrm: context.openOrm,
        publicKeys: () => context.publicKeys,
        kv: context.kv,
      })
      let secret: Promise<Buffer> | undefined
      await registerFederatedRoutes(app, {
        apiPath: config.apiPath,
        bcryptRounds: config.raw.fedhub.bcrypt_rounds,
        nodeKeys: {
          bcryptRounds: config.raw.fedhub.bcrypt_rounds,
          // Loaded on first use; standalone (no configured keys) creates it, as auth does.
          secret: () => {
            secret ??= loadApiKeySecret(config.dataDir, {
              generate: config.publicKeys === undefined,
            })
            return secret
          },
        },
        serverUrl: config.raw.server_url,
        tokenVersions: createTokenVersions(context.openOrm, context.kv, context.bus),
        announcedStatuses,
        openOrm: context.openOrm,
        publicKeys: () => context.publicKeys,
        kv: context.kv,
      })
    },
    async start() {
      relay.start()
      stopRealtime = await startRealtime(context, orm, announcedStatuses)
      const days = config.raw.runs_data_cleanup_days
      if (days !== undefined) {
        stopCleanup = scheduleRunCleanup(
          orm,
          { days, includeInput: config.raw.runs_data_cleanup_include_input },
          context.logger,
        )
      }
    },
    async stop() {
      stopCleanup()
      await stopRealtime()
      await relay.stop()
    },
  }
}
