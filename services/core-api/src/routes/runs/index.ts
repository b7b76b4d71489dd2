import type { FastifyInstance } from 'fastify'
import type { FederatedDeps } from '../federated-deps.ts'
import { registerGetRun } from './get.ts'
import { registerListRuns } from './list.ts'
import { registerPatchRun } from './patch.ts'

export function registerRunRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerListRuns(app, deps)
  registerGetRun(app, deps)
  registerPatchRun(app, deps)
}
