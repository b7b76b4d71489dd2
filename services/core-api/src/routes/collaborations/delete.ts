import type { FastifyInstance } from 'fastify'
import { deleteCollaboration } from '../../domain/collaborations/delete-collaboration.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { FLAG, ID_PARAMS } from '../users/user-schemas.ts'

export function registerDeleteCollaboration(app: FastifyInstance, deps: FederatedDeps): void {
  app.delete<{ Params: { id: number }; Querystring: { delete_dependents?: string } }>(
    `${deps.apiPath}/collaboration/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Collaboration'],
        summary: 'Delete a collaboration',
        description: describe(
          'Tasks (with their runs), nodes, studies and bound algorithm-store links block the deletion unless `delete_dependents=true`; then they are deleted with it.',
          COLLABORATION_RULES.describe('DELETE'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: { type: 'object', properties: { delete_dependents: FLAG } },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      const cascade = parseFlag(request.query.delete_dependents)
      await deleteCollaboration(request.em, request.caller, id, cascade)
      return { msg: `Collaboration id=${id} successfully deleted` }
    },
  )
}
