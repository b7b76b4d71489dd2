import type { FastifyInstance } from 'fastify'
import {
  listOrganizations,
  type OrganizationFilters,
} from '../../domain/accounts/organizations/list-organizations.ts'
import {
  ORGANIZATION_SORT_COLUMNS,
  toOrganizationView,
} from '../../domain/accounts/organizations/organization-view.ts'
import { ORGANIZATION_RULES } from '../../domain/accounts/resource-rules.ts'
import { ID, listSchema, PAGE_QUERY } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type PageQuery, pageRequest, type RouteDeps, sendPage } from '../route-deps.ts'
import { ORGANIZATION_SCHEMA } from './organization-schemas.ts'

export function registerListOrganizations(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: OrganizationFilters & PageQuery }>(
    `${deps.apiPath}/organization`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Organization'],
        summary: 'List organizations',
        description: describe(
          'Organizations the caller may view; `collaboration_id` and `study_id` need collaboration view (COLLABORATION or GLOBAL).',
          ORGANIZATION_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            country: { type: 'string' },
            collaboration_id: ID,
            study_id: ID,
            ids: { type: 'array', items: ID },
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(ORGANIZATION_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, ...filters } = request.query
      const result = await listOrganizations(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Organization', ORGANIZATION_SORT_COLUMNS),
      )
      return sendPage(request, reply, result, (org) => toOrganizationView(org, deps.links))
    },
  )
}
