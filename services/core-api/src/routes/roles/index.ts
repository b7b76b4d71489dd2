import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../route-deps.ts'
import { registerCreateRole } from './create.ts'
import { registerDeleteRole } from './delete.ts'
import { registerGetRole } from './get.ts'
import { registerListRoles } from './list.ts'
import { registerRoleRuleRoutes } from './role-rule.ts'
import { registerUpdateRole } from './update.ts'

export function registerRoleRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerListRoles(app, deps)
  registerCreateRole(app, deps)
  registerGetRole(app, deps)
  registerUpdateRole(app, deps)
  registerDeleteRole(app, deps)
  registerRoleRuleRoutes(app, deps)
}
