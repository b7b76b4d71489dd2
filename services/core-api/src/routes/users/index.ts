import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../route-deps.ts'
import { registerCreateUser } from './create.ts'
import { registerDeleteUser } from './delete.ts'
import { registerGetUser } from './get.ts'
import { registerListUsers } from './list.ts'
import { registerUpdateUser } from './update.ts'

export function registerUserRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerListUsers(app, deps)
  registerCreateUser(app, deps)
  registerGetUser(app, deps)
  registerUpdateUser(app, deps)
  registerDeleteUser(app, deps)
}
