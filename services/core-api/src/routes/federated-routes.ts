import type { TokenVersions } from '@fedhub/shared/tokens'
import type { FastifyInstance } from 'fastify'
import { linkBuilder } from '../domain/list-kit/index.ts'
import type { NodeKeyStore } from '../domain/nodes/api-key.ts'
import type { AnnouncedStatuses } from '../domain/runs/announced-statuses.ts'
import { registerAlgorithmStoreRoutes } from './algorithm-stores/index.ts'
import { registerUnconfiguredRoutes } from './blobstream/index.ts'
import { registerCollaborationRoutes } from './collaborations/index.ts'
import { registerColumnRoute } from './columns/index.ts'
import { registerKillRoutes } from './kill/index.ts'
import { registerNodeRoutes } from './nodes/index.ts'
import { registerPortRoutes } from './ports/index.ts'
import { type ResourceScopeOptions, registerResourceScope } from './resource-scope.ts'
import { registerRunRoutes } from './runs/index.ts'
import { registerStudyRoutes } from './studies/index.ts'
import { registerTaskRoutes } from './tasks/index.ts'

export interface FederatedRouteOptions extends ResourceScopeOptions {
  apiPath: string
  bcryptRounds: number
  nodeKeys: NodeKeyStore
  /** This server's public URL (`server_url`), which algorithm stores whitelist. */
  serverUrl: string | undefined
  /** Outbound HTTP to algorithm stores; tests give a fake. */
  fetch?: typeof fetch
  /** Raised when a node's API key is reset, so tokens from the old key stop working. */
  tokenVersions: TokenVersions
  /** Run statuses a node's socket report announced, so its PATCH does not announce them again. */
  announcedStatuses: AnnouncedStatuses
}

/** Collaborations, nodes, tasks, runs, kills and the unconfigured blob/VPN endpoints. */
export async function registerFederatedRoutes(
  app: FastifyInstance,
  options: FederatedRouteOptions,
): Promise<void> {
  await registerResourceScope(app, options, (scope) => {
    const deps = {
      apiPath: options.apiPath,
      links: linkBuilder(options.apiPath),
      bcryptRounds: options.bcryptRounds,
      nodeKeys: options.nodeKeys,
      tokenVersions: options.tokenVersions,
      announcedStatuses: options.announcedStatuses,
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
