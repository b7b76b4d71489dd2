import type { FastifyInstance } from 'fastify'
import type { FederatedDeps } from '../federated-deps.ts'
import { registerCreateNode } from './create.ts'
import { registerDeleteNode } from './delete.ts'
import { registerGetNode } from './get.ts'
import { registerListNodes } from './list.ts'
import { registerRecoverNode } from './recover.ts'
import { registerUpdateNode } from './update.ts'

export function registerNodeRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerListNodes(app, deps)
  registerCreateNode(app, deps)
  registerGetNode(app, deps)
  registerUpdateNode(app, deps)
  registerDeleteNode(app, deps)
  registerRecoverNode(app, deps)
}
