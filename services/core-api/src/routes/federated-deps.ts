import type { TokenVersions } from '@fedhub/shared/tokens'
import type { StoreClient } from '../domain/algorithm-stores/store-calls.ts'
import type { NodeKeyStore } from '../domain/nodes/api-key.ts'
import type { AnnouncedStatuses } from '../domain/runs/announced-statuses.ts'
import type { RouteDeps } from './route-deps.ts'

/** What the collaboration, node, task and run routes need. */
export interface FederatedDeps extends RouteDeps {
  nodeKeys: NodeKeyStore
  tokenVersions: TokenVersions
  announcedStatuses: AnnouncedStatuses
  /** Outbound calls to algorithm stores. */
  stores: StoreClient
}
