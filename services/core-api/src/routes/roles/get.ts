import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { getRole } from '../../domain/accounts/roles/get-role.ts'
import { toRoleView } from '../../domain/accounts/roles/role-view.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { ROLE_SCHEMA } from './role-schemas.ts'

export function registerGetRole(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/role/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Role'],
        summary: 'Get a role',
        description: describe(
          'A role of an organization the caller may view, one the caller holds, or a built-in role (with role view at ORGANIZATION scope or wider).',
          ROLE_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: ROLE_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toRoleView(await getRole(request.em, request.caller, request.params.id), deps.links),
  )
}
