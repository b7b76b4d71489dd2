import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { listRoles } from '../../domain/accounts/roles/list-roles.ts'
import { ROLE_SORT_COLUMNS, toRoleView } from '../../domain/accounts/roles/role-view.ts'
import { FLAG, ID, listSchema, PAGE_QUERY, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type PageQuery, pageRequest, type RouteDeps, sendPage } from '../route-deps.ts'
import { ROLE_SCHEMA } from './role-schemas.ts'

interface RoleQuery extends PageQuery {
  name?: string[]
  description?: string[]
  organization_id?: number[]
  collaboration_id?: number
  rule_id?: number
  user_id?: number
  include_root?: string
}

export function registerListRoles(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: RoleQuery }>(
    `${deps.apiPath}/role`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Role'],
        summary: 'List roles',
        description: describe(
          'Roles the caller may view; without any role view rule, the caller’s own roles.',
          ROLE_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'array', items: { type: 'string' } },
            description: { type: 'array', items: { type: 'string' } },
            organization_id: { type: 'array', items: ID },
            collaboration_id: ID,
            rule_id: ID,
            user_id: ID,
            include_root: FLAG,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(ROLE_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, include_root, ...filters } = request.query
      const result = await listRoles(
        request.em,
        request.caller,
        { ...filters, include_root: parseFlag(include_root) },
        pageRequest({ page, per_page, sort }, 'Role', ROLE_SORT_COLUMNS),
      )
      return sendPage(request, reply, result, (role) => toRoleView(role, deps.links))
    },
  )
}
