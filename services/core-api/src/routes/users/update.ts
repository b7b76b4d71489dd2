import type { FastifyInstance } from 'fastify'
import { USER_RULES } from '../../domain/accounts/resource-rules.ts'
import { findUser } from '../../domain/accounts/users/get-user.ts'
import { type UpdateUserInput, updateUser } from '../../domain/accounts/users/update-user.ts'
import { toUserView } from '../../domain/accounts/users/user-view.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ID_PARAMS, USER_INPUT_PROPERTIES, USER_SCHEMA } from './user-schemas.ts'

export function registerUpdateUser(app: FastifyInstance, deps: RouteDeps): void {
  app.patch<{ Params: { id: number }; Body: UpdateUserInput }>(
    `${deps.apiPath}/user/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['User'],
        summary: 'Edit a user',
        description: describe(
          'Edits names, e-mail, and the full sets of roles and rules (not one’s own). Roles and rules given or taken away must be held by the caller.',
          `${USER_RULES.describe('EDIT')} (OWN: oneself)`,
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: { type: 'object', properties: USER_INPUT_PROPERTIES, additionalProperties: false },
        response: { 200: USER_SCHEMA, ...ERRORS },
      },
      // Upstream answers 404 for a missing user before it looks at the body.
      preValidation: async (request) => {
        // Runs before validation, so the parameter is still the raw text.
        const { id } = request.params as unknown as { id: string }
        const numeric = Number(id)
        if (Number.isInteger(numeric) && numeric > 0) {
          await findUser(request.em, numeric, `user id=${numeric} not found`)
        }
      },
    },
    async (request) => {
      const user = await updateUser(
        request.em,
        request.caller,
        request.params.id,
        request.body ?? {},
      )
      return toUserView(user, deps.links)
    },
  )
}
