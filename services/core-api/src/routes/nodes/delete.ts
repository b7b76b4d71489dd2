import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { deleteNode } from '../../domain/nodes/write-node.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'

export function registerDeleteNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.delete<{ Params: { id: number } }>(
    `${deps.apiPath}/node/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Node'],
        summary: 'Delete a node',
        description: describe(
          'Deletes the node and its shared config; its tokens stop working.',
          NODE_RULES.describe('DELETE'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      await deleteNode(request.em, request.caller, request.params.id)
      return { msg: `Successfully deleted node id=${request.params.id}` }
    },
  )
}
