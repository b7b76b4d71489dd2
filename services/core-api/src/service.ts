import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import { databaseReachable, registerHealthRoute } from './routes/system/health.ts'
import { registerVersionRoute } from './routes/system/version.ts'

/**
 * core-api: every REST resource outside auth, the permission engine, the task and run life
 * cycle and the jobs run by one elected replica. Resources arrive with later issues.
 */
export async function createCoreApi(context: ServiceContext): Promise<ServiceModule> {
  const { config } = context
  context.readiness.push({ name: 'database', check: () => databaseReachable(context.openOrm) })
  return {
    name: 'core-api',
    async registerRoutes(app) {
      registerVersionRoute(app, config.apiPath)
      registerHealthRoute(app, config.apiPath, context.openOrm)
    },
  }
}
