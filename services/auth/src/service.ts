import { assertSchemaCurrent } from '@fedhub/shared/data'
import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import { createAuthDeps } from './auth-deps.ts'
import { registerAuthRoutes } from './routes/index.ts'

/**
 * auth: issues tokens for users, nodes and algorithm containers; lockout, two-factor login,
 * password change and recovery; serves the public key set.
 */
export async function createAuth(context: ServiceContext): Promise<ServiceModule> {
  // auth writes credential columns, so it too refuses a schema older than it needs.
  await assertSchemaCurrent(await context.openOrm())
  const deps = await createAuthDeps(context)
  context.readiness.push({
    name: 'database',
    check: async () => (await deps.orm()).isConnected(),
  })
  return {
    name: 'auth',
    registerRoutes: (app) => registerAuthRoutes(app, deps),
    // Mail bookkeeping started after an answer finishes before the transports close.
    stop: () => deps.background.idle(),
  }
}
