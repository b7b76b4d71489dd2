import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { toRoleView } from '../../domain/accounts/roles/role-view.ts'
import { createRole, type RoleInput } from '../../domain/accounts/roles/write-role.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ROLE_INPUT_PROPERTIES, ROLE_SCHEMA } from './role-schemas.ts'

export function registerCreateRole(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: RoleInput & { name: string; rules: number[] } }>(
    `${deps.apiPath}/role`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Role'],
        summary: 'Create a role',
        description: describe(
          'Creates a role for the caller’s organization or `organization_id`, with rules the caller holds (a wider scope counts).',
          ROLE_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: ROLE_INPUT_PROPERTIES,
          required: ['name', 'rules'],
          additionalProperties: false,
        },
        response: { 201: ROLE_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const role = await createRole(request.em, request.caller, request.body)
      return reply.status(201).send(toRoleView(role, deps.links))
    },
  )
}
