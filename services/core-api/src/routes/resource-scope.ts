import type { FedhubOrm } from '@fedhub/shared/data'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import type { JSONWebKeySet } from 'jose'
import { firstOfRepeated } from '../domain/list-kit/index.ts'
import { authenticate } from '../plugins/authenticate.ts'
import { requestOrm } from '../plugins/request-orm.ts'

/** What every group of REST resources needs around its routes. */
export interface ResourceScopeOptions {
  openOrm(): Promise<FedhubOrm>
  publicKeys(): JSONWebKeySet | undefined
  kv: KeyValueStore
}

/**
 * Registers a group of resources in its own scope with the per-request ORM fork, token
 * authentication and upstream's reading of repeated query parameters.
 */
export async function registerResourceScope(
  app: FastifyInstance,
  options: ResourceScopeOptions,
  register: (scope: FastifyInstance) => void,
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
    register(scope)
  })
}
