import type { FastifyInstance } from 'fastify'
import { USER_RULES } from '../../domain/accounts/resource-rules.ts'
import { getUser, userPermissions } from '../../domain/accounts/users/get-user.ts'
import { toUserView } from '../../domain/accounts/users/user-view.ts'
import { parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { FLAG, ID_PARAMS, USER_SCHEMA } from './user-schemas.ts'

export function registerGetUser(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { id: number }; Querystring: { include_permissions?: string } }>(
    `${deps.apiPath}/user/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['User'],
        summary: 'Get a user',
        description: describe(
          'Oneself, or a user the caller may view.',
          USER_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          properties: { include_permissions: FLAG },
        },
        response: { 200: USER_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const user = await getUser(request.em, request.caller, request.params.id)
      const permissions = parseFlag(request.query.include_permissions)
        ? await userPermissions(request.em, user)
        : undefined
      return toUserView(user, deps.links, permissions)
    },
  )
}
