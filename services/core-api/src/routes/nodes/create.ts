import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { toNodeView } from '../../domain/nodes/node-view.ts'
import { createNode, type NodeInput } from '../../domain/nodes/write-node.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { NODE_INPUT_PROPERTIES, NODE_SCHEMA } from './node-schemas.ts'

export function registerCreateNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: NodeInput & { collaboration_id: number } }>(
    `${deps.apiPath}/node`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Node'],
        summary: 'Create a node',
        description: describe(
          'Registers the node of an organization in a collaboration. The answer carries `api_key`, which is never shown again; only a digest and a hash are stored.',
          NODE_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: NODE_INPUT_PROPERTIES,
          required: ['collaboration_id'],
          additionalProperties: false,
        },
        response: { 201: NODE_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { node, apiKey } = await createNode(
        request.em,
        request.caller,
        request.body,
        deps.nodeKeys,
      )
      return reply.status(201).send({ ...toNodeView(node, deps.links), api_key: apiKey })
    },
  )
}
