import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { resetNodeKey } from '../../domain/nodes/write-node.ts'
import { MEMBER_BODY } from '../collaborations/collaboration-schemas.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'

export function registerRecoverNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: { id: number } }>(
    `${deps.apiPath}/recover/node`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Node'],
        summary: 'Reset a node API key',
        description: describe(
          'A new API key replaces the old one at once; tokens already issued stay valid.',
          NODE_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        body: MEMBER_BODY,
        response: {
          200: {
            type: 'object',
            properties: { api_key: { type: 'string' } },
            required: ['api_key'],
          },
          ...ERRORS,
        },
      },
    },
    async (request) => ({
      api_key: await resetNodeKey(request.em, request.caller, request.body.id, deps.nodeKeys),
    }),
  )
}
