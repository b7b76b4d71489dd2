import type { FedhubOrm } from '@fedhub/shared/data'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { FastifyInstance } from 'fastify'
import type { JSONWebKeySet } from 'jose'
import { firstOfRepeated, linkBuilder } from '../domain/list-kit/index.ts'
import type { NodeKeyStore } from '../domain/nodes/api-key.ts'
import { authenticate } from '../plugins/authenticate.ts'
import { requestOrm } from '../plugins/request-orm.ts'
import { registerAlgorithmStoreRoutes } from './algorithm-stores/index.ts'
import { registerUnconfiguredRoutes } from './blobstream/index.ts'
import { registerCollaborationRoutes } from './collaborations/index.ts'
import { registerColumnRoute } from './columns/index.ts'
import { registerKillRoutes } from './kill/index.ts'
import { registerNodeRoutes } from './nodes/index.ts'
import { registerPortRoutes } from './ports/index.ts'
import { registerRunRoutes } from './runs/index.ts'
import { registerStudyRoutes } from './studies/index.ts'
import { registerTaskRoutes } from './tasks/index.ts'

export interface FederatedRouteOptions {
  apiPath: string
  bcryptRounds: number
  nodeKeys: NodeKeyStore
  /** This server's public URL (`server_url`), which algorithm stores whitelist. */
  serverUrl: string | undefined
  /** Outbound HTTP to algorithm stores; tests give a fake. */
  fetch?: typeof fetch
  openOrm(): Promise<FedhubOrm>
  publicKeys(): JSONWebKeySet | undefined
  kv: KeyValueStore
}

/** Collaborations, nodes, tasks, runs, kills and the unconfigured blob/VPN endpoints. */
export async function registerFederatedRoutes(
  app: FastifyInstance,
  options: FederatedRouteOptions,
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
      nodeKeys: options.nodeKeys,
      stores: {
        serverUrl: options.serverUrl,
        apiPath: options.apiPath,
        fetch: options.fetch ?? fetch,
      },
    }
    registerCollaborationRoutes(scope, deps)
    registerNodeRoutes(scope, deps)
    registerTaskRoutes(scope, deps)
    registerRunRoutes(scope, deps)
    registerKillRoutes(scope, deps)
    registerStudyRoutes(scope, deps)
    registerAlgorithmStoreRoutes(scope, deps)
    registerPortRoutes(scope, deps)
    registerColumnRoute(scope, deps)
    registerUnconfiguredRoutes(scope, deps)
  })
}
