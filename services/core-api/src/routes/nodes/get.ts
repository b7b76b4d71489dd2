import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { toNodeView } from '../../domain/nodes/node-view.ts'
import { getNode } from '../../domain/nodes/write-node.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { NODE_SCHEMA } from './node-schemas.ts'

export function registerGetNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/node/:id`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        tags: ['Node'],
        summary: 'Get a node',
        description: describe(
          'One node; COLLABORATION scope covers nodes of the caller’s collaborations.',
          NODE_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: NODE_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toNodeView(await getNode(request.em, request.caller, request.params.id), deps.links),
  )
}
