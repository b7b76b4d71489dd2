import type { FastifyInstance } from 'fastify'
import { USER_RULES } from '../../domain/accounts/resource-rules.ts'
import { deleteUser } from '../../domain/accounts/users/delete-user.ts'
import { MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { FLAG, ID_PARAMS } from './user-schemas.ts'

export function registerDeleteUser(app: FastifyInstance, deps: RouteDeps): void {
  app.delete<{ Params: { id: number }; Querystring: { delete_dependents?: string } }>(
    `${deps.apiPath}/user/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['User'],
        summary: 'Delete a user',
        description: describe(
          'Tasks the user created block the deletion unless `delete_dependents=true` (false, 0 and no mean false).',
          `${USER_RULES.describe('DELETE')} (OWN: oneself)`,
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          properties: { delete_dependents: FLAG },
        },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      await deleteUser(request.em, request.caller, id, parseFlag(request.query.delete_dependents))
      return { msg: `user id=${id} is removed from the database` }
    },
  )
}
