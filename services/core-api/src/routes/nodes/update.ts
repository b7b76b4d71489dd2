import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { toNodeView } from '../../domain/nodes/node-view.ts'
import { type NodeInput, updateNode } from '../../domain/nodes/write-node.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { NODE_INPUT_PROPERTIES, NODE_SCHEMA } from './node-schemas.ts'

export function registerUpdateNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.patch<{ Params: { id: number }; Body: NodeInput }>(
    `${deps.apiPath}/node/:id`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        tags: ['Node'],
        summary: 'Edit a node',
        description: describe(
          'Name and ip (`clear_ip` empties it); organization and collaboration cannot change.',
          NODE_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: { type: 'object', properties: NODE_INPUT_PROPERTIES, additionalProperties: false },
        response: { 200: NODE_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toNodeView(
        await updateNode(request.em, request.caller, request.params.id, request.body ?? {}),
        deps.links,
      ),
  )
}
