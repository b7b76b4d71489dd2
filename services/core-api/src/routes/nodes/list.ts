import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { DATE_PATTERN, ID, listSchema, PAGE_QUERY } from '../../domain/list-kit/index.ts'
import { listNodes, type NodeFilters } from '../../domain/nodes/list-nodes.ts'
import { NODE_SORT_COLUMNS, toNodeView } from '../../domain/nodes/node-view.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { NODE_SCHEMA } from './node-schemas.ts'

export function registerListNodes(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: NodeFilters & PageQuery }>(
    `${deps.apiPath}/node`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        tags: ['Node'],
        summary: 'List nodes',
        description: describe(
          'Nodes the caller may view; `collaboration_id` and `study_id` need COLLABORATION or GLOBAL view.',
          NODE_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            organization_id: ID,
            collaboration_id: ID,
            study_id: ID,
            status: { type: 'string' },
            ip: { type: 'string' },
            last_seen_from: { type: 'string', pattern: DATE_PATTERN },
            last_seen_till: { type: 'string', pattern: DATE_PATTERN },
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(NODE_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, ...filters } = request.query
      const result = await listNodes(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Node', NODE_SORT_COLUMNS),
      )
      return sendPage(request, reply, result, (node) => toNodeView(node, deps.links))
    },
  )
}
