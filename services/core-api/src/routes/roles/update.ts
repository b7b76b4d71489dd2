import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { toRoleView } from '../../domain/accounts/roles/role-view.ts'
import { type RoleInput, updateRole } from '../../domain/accounts/roles/write-role.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { ROLE_SCHEMA, ROLE_UPDATE_PROPERTIES } from './role-schemas.ts'

export function registerUpdateRole(app: FastifyInstance, deps: RouteDeps): void {
  app.patch<{ Params: { id: number }; Body: RoleInput }>(
    `${deps.apiPath}/role/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Role'],
        summary: 'Edit a role',
        description: describe(
          'Name, description and the full rule set (rules the caller holds); null means unchanged. Built-in roles cannot be edited, nor can the organization.',
          ROLE_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: { type: 'object', properties: ROLE_UPDATE_PROPERTIES, additionalProperties: false },
        response: { 200: ROLE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const role = await updateRole(
        request.em,
        request.caller,
        request.params.id,
        request.body ?? {},
      )
      return toRoleView(role, deps.links)
    },
  )
}
