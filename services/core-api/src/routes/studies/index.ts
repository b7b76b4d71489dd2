import type { FastifyInstance } from 'fastify'
import type { FederatedDeps } from '../federated-deps.ts'
import { registerReadStudies } from './read.ts'
import { registerWriteStudies } from './write.ts'

export function registerStudyRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerReadStudies(app, deps)
  registerWriteStudies(app, deps)
}
