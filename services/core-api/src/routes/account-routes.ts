import type { FastifyInstance } from 'fastify'
import { linkBuilder } from '../domain/list-kit/index.ts'
import { registerOrganizationRoutes } from './organizations/index.ts'
import { type ResourceScopeOptions, registerResourceScope } from './resource-scope.ts'
import { registerRoleRoutes } from './roles/index.ts'
import { registerRuleRoutes } from './rules/index.ts'
import { registerUserRoutes } from './users/index.ts'

export interface AccountRouteOptions extends ResourceScopeOptions {
  apiPath: string
  bcryptRounds: number
}

/** Users, organizations, roles and rules, in one scope with the ORM and authentication. */
export async function registerAccountRoutes(
  app: FastifyInstance,
  options: AccountRouteOptions,
): Promise<void> {
  await registerResourceScope(app, options, (scope) => {
    const deps = {
      apiPath: options.apiPath,
      links: linkBuilder(options.apiPath),
      bcryptRounds: options.bcryptRounds,
    }
    registerUserRoutes(scope, deps)
    registerOrganizationRoutes(scope, deps)
    registerRoleRoutes(scope, deps)
    registerRuleRoutes(scope, deps)
  })
}
