import type { FastifyInstance } from 'fastify'
import { toCollaborationView } from '../../domain/collaborations/collaboration-view.ts'
import { membersOf } from '../../domain/collaborations/members.ts'
import { getCollaboration } from '../../domain/collaborations/write-collaboration.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { parseInclude } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { COLLABORATION_SCHEMA, INCLUDE_QUERY } from './collaboration-schemas.ts'

export function registerGetCollaboration(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Params: { id: number }; Querystring: { include?: string | string[] } }>(
    `${deps.apiPath}/collaboration/:id`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Collaboration'],
        summary: 'Get a collaboration',
        description: describe(
          'One collaboration; ORGANIZATION scope needs membership (a container: its token’s collaboration).',
          COLLABORATION_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: { type: 'object', properties: INCLUDE_QUERY },
        response: { 200: COLLABORATION_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      const collaboration = await getCollaboration(request.em, request.caller, id)
      const members = parseInclude(request.query.include, ['organizations']).has('organizations')
        ? (await membersOf(request.em, [id])).get(id)
        : undefined
      return toCollaborationView(collaboration, deps.links, members)
    },
  )
}
