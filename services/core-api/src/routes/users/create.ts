import type { FastifyInstance } from 'fastify'
import { assertUsername } from '../../domain/accounts/names.ts'
import { USER_RULES } from '../../domain/accounts/resource-rules.ts'
import { type CreateUserInput, createUser } from '../../domain/accounts/users/create-user.ts'
import { toUserView } from '../../domain/accounts/users/user-view.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { USER_INPUT_PROPERTIES, USER_SCHEMA } from './user-schemas.ts'

export function registerCreateUser(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: CreateUserInput }>(
    `${deps.apiPath}/user`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['User'],
        summary: 'Create a user',
        description: describe(
          'Creates a user in the caller’s organization or `organization_id`. Roles and rules handed out must be held by the caller (a wider scope counts).',
          USER_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: USER_INPUT_PROPERTIES,
          required: ['username', 'email', 'password'],
          additionalProperties: false,
        },
        response: { 201: USER_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      assertUsername(request.body.username)
      const user = await createUser(request.em, request.caller, request.body, deps.bcryptRounds)
      return reply.status(201).send(toUserView(user, deps.links))
    },
  )
}
