import type { FastifyInstance } from 'fastify'
import type { FederatedDeps } from '../federated-deps.ts'
import { registerCreateTask } from './create.ts'
import { registerDeleteTask } from './delete.ts'
import { registerGetTask } from './get.ts'
import { registerListTasks } from './list.ts'
import { registerTaskStatus } from './status.ts'

export function registerTaskRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerListTasks(app, deps)
  registerCreateTask(app, deps)
  registerGetTask(app, deps)
  registerTaskStatus(app, deps)
  registerDeleteTask(app, deps)
}
