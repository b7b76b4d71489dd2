import type { FastifyInstance } from 'fastify'
import type { FederatedDeps } from '../federated-deps.ts'
import { registerCreateCollaboration } from './create.ts'
import { registerDeleteCollaboration } from './delete.ts'
import { registerGetCollaboration } from './get.ts'
import { registerListCollaborations } from './list.ts'
import { registerCollaborationMembership } from './membership.ts'
import { registerUpdateCollaboration } from './update.ts'

export function registerCollaborationRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerListCollaborations(app, deps)
  registerCreateCollaboration(app, deps)
  registerGetCollaboration(app, deps)
  registerUpdateCollaboration(app, deps)
  registerDeleteCollaboration(app, deps)
  registerCollaborationMembership(app, deps)
}
