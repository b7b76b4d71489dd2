import type { FedhubOrm } from '@fedhub/shared/data'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import type { JSONWebKeySet } from 'jose'
import { firstOfRepeated, linkBuilder } from '../domain/list-kit/index.ts'
import { authenticate } from '../plugins/authenticate.ts'
import { requestOrm } from '../plugins/request-orm.ts'
import { registerOrganizationRoutes } from './organizations/index.ts'
import { registerRoleRoutes } from './roles/index.ts'
import { registerRuleRoutes } from './rules/index.ts'
import { registerUserRoutes } from './users/index.ts'

export interface AccountRouteOptions {
  apiPath: string
  bcryptRounds: number
  openOrm(): Promise<FedhubOrm>
  publicKeys(): JSONWebKeySet | undefined
  kv: KeyValueStore
}

/** Users, organizations, roles and rules, in one scope with the ORM and authentication. */
export async function registerAccountRoutes(
  app: FastifyInstance,
  options: AccountRouteOptions,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(requestOrm, { openOrm: options.openOrm })
    await scope.register(authenticate, { publicKeys: options.publicKeys, kv: options.kv })
    // Repeated single-valued parameters keep their first value, as upstream reads them.
    scope.addHook('preValidation', async (request) => {
      const schema = request.routeOptions.schema?.querystring as
        | Parameters<typeof firstOfRepeated>[1]
        | undefined
      if (schema !== undefined) {
        request.query = firstOfRepeated(request.query as Record<string, unknown>, schema)
      }
    })
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
