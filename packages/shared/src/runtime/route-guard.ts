import type { FastifyInstance } from 'fastify'
import { PROBE_PATHS } from '../http/health.ts'
import { resolveService, type ServiceName } from '../routes/index.ts'

/**
 * Makes the route table binding: registering a route that the table gives to another service
 * fails at start-up, so the standalone composition, the cluster proxy and the ingress (all
 * built from the table) cannot drift from what the services serve.
 */
export function guardRoutes(app: FastifyInstance, owner: ServiceName, apiPath: string): void {
  app.addHook('onRoute', (route) => {
    const path = route.url
    if (PROBE_PATHS.has(path) || route.schema?.hide === true) return
    const expected = resolveService(path, apiPath)
    if (expected !== owner) {
      throw new Error(
        `service '${owner}' registered ${path}, which the route table gives to ${expected ?? 'no service'}`,
      )
    }
  })
}
