import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../route-deps.ts'
import { registerCreateOrganization } from './create.ts'
import { registerDeleteOrganization } from './delete.ts'
import { registerGetOrganization } from './get.ts'
import { registerListOrganizations } from './list.ts'
import { registerUpdateOrganization } from './update.ts'

export function registerOrganizationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerListOrganizations(app, deps)
  registerCreateOrganization(app, deps)
  registerGetOrganization(app, deps)
  registerUpdateOrganization(app, deps)
  registerDeleteOrganization(app, deps)
}
