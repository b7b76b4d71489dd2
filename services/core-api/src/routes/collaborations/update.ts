import type { FastifyInstance } from 'fastify'
import { toCollaborationView } from '../../domain/collaborations/collaboration-view.ts'
import { updateCollaboration } from '../../domain/collaborations/write-collaboration.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { COLLABORATION_INPUT_PROPERTIES, COLLABORATION_SCHEMA } from './collaboration-schemas.ts'
import { type CollaborationBody, encryptedOf } from './create.ts'

export function registerUpdateCollaboration(app: FastifyInstance, deps: FederatedDeps): void {
  app.patch<{ Params: { id: number }; Body: CollaborationBody }>(
    `${deps.apiPath}/collaboration/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Collaboration'],
        summary: 'Edit a collaboration',
        description: describe(
          'Name and encryption; replacing `organization_ids` needs GLOBAL edit.',
          COLLABORATION_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: {
          type: 'object',
          properties: COLLABORATION_INPUT_PROPERTIES,
          additionalProperties: false,
        },
        response: { 200: COLLABORATION_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const body = request.body ?? {}
      const encrypted = encryptedOf(body.encrypted)
      const collaboration = await updateCollaboration(
        request.em,
        request.caller,
        request.params.id,
        {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.organization_ids === undefined
            ? {}
            : { organization_ids: body.organization_ids }),
          ...(encrypted === undefined ? {} : { encrypted }),
        },
      )
      return toCollaborationView(collaboration, deps.links)
    },
  )
}
