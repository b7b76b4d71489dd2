import type { FastifyInstance } from 'fastify'
import { createHttpApp } from '../http/index.ts'
import type { ServiceName } from '../routes/index.ts'
import { guardRoutes } from './route-guard.ts'
import type { ServiceContext, ServiceModule } from './service-module.ts'

/**
 * Builds an unstarted HTTP instance that serves the given modules, each held to the routes the
 * route table gives it. One module makes a distributed service; all of them make standalone.
 */
export async function buildServiceApp(
  context: ServiceContext,
  modules: ServiceModule[],
  options: { serveApiDocs: boolean; service: string; apiDocument?: Record<string, unknown> },
): Promise<FastifyInstance> {
  const app = await createHttpApp({
    config: context.config,
    service: options.service,
    registry: context.registry,
    readiness: context.readiness,
    serveApiDocs: options.serveApiDocs,
    apiDocument: options.apiDocument,
    logger: context.logger,
  })
  for (const module of modules) {
    if (module.registerRoutes === undefined) continue
    const register = module.registerRoutes.bind(module)
    const owner = module.name as ServiceName
    // Each module gets its own encapsulated scope, so the guard sees only its routes.
    await app.register(async (scope) => {
      if (owner !== ('mailer' as string)) guardRoutes(scope, owner, context.config.apiPath)
      await register(scope)
    })
  }
  return app
}
