import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { deleteRole } from '../../domain/accounts/roles/write-role.ts'
import { MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { FLAG, ID_PARAMS } from '../users/user-schemas.ts'

export function registerDeleteRole(app: FastifyInstance, deps: RouteDeps): void {
  app.delete<{ Params: { id: number }; Querystring: { delete_dependents?: string } }>(
    `${deps.apiPath}/role/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Role'],
        summary: 'Delete a role',
        description: describe(
          'A role held by users goes only with `delete_dependents=true`; built-in roles stay.',
          ROLE_RULES.describe('DELETE'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: { type: 'object', properties: { delete_dependents: FLAG } },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const cascade = parseFlag(request.query.delete_dependents)
      await deleteRole(request.em, request.caller, request.params.id, cascade)
      return { msg: 'Role removed from the database.' }
    },
  )
}
