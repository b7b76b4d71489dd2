import type { FastifyInstance } from 'fastify'
import { NODE_RULES } from '../../domain/federated/rules.ts'
import { ID_OR_DIGITS, idOf } from '../../domain/list-kit/index.ts'
import { resetNodeKey } from '../../domain/nodes/write-node.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'

export function registerRecoverNode(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: { id: number | string } }>(
    `${deps.apiPath}/recover/node`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Node'],
        summary: 'Reset a node API key',
        description: describe(
          'A new API key replaces the old one at once, and tokens issued with the old key stop working (upstream keeps them). `id` may be sent as text (`"5"`), as the 4.x UI does.',
          NODE_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: { id: ID_OR_DIGITS },
          required: ['id'],
          additionalProperties: false,
        },
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
      api_key: await resetNodeKey(request.em, request.caller, idOf(request.body.id), {
        keys: deps.nodeKeys,
        versions: deps.tokenVersions,
      }),
    }),
  )
}
