import type { FastifyInstance } from 'fastify'
import {
  COLLABORATION_SORT_COLUMNS,
  toCollaborationView,
} from '../../domain/collaborations/collaboration-view.ts'
import {
  type CollaborationFilters,
  listCollaborations,
} from '../../domain/collaborations/list-collaborations.ts'
import { membersOf } from '../../domain/collaborations/members.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { FLAG, ID, listSchema, PAGE_QUERY, parseInclude } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { COLLABORATION_SCHEMA, INCLUDE_QUERY } from './collaboration-schemas.ts'

type Query = CollaborationFilters & PageQuery & { include?: string | string[] }

export function registerListCollaborations(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: Query }>(
    `${deps.apiPath}/collaboration`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        tags: ['Collaboration'],
        summary: 'List collaborations',
        description: describe(
          'Collaborations the caller may view; `organization_id` other than one’s own needs GLOBAL.',
          COLLABORATION_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            encrypted: FLAG,
            organization_id: ID,
            algorithm_store_id: ID,
            ...INCLUDE_QUERY,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(COLLABORATION_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, include, ...filters } = request.query
      const result = await listCollaborations(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Collaboration', COLLABORATION_SORT_COLUMNS),
      )
      const members = parseInclude(include, ['organizations']).has('organizations')
        ? await membersOf(
            request.em,
            result.rows.map((c) => c.id),
          )
        : undefined
      return sendPage(request, reply, result, (c) =>
        toCollaborationView(c, deps.links, members?.get(c.id)),
      )
    },
  )
}
