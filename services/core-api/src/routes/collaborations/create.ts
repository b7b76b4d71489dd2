import type { FastifyInstance } from 'fastify'
import { toCollaborationView } from '../../domain/collaborations/collaboration-view.ts'
import { createCollaboration } from '../../domain/collaborations/write-collaboration.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { COLLABORATION_INPUT_PROPERTIES, COLLABORATION_SCHEMA } from './collaboration-schemas.ts'

export interface CollaborationBody {
  name?: string
  encrypted?: boolean | number
  organization_ids?: number[]
}

/** The body's `encrypted` as stored: true only for `true` and `1`. */
export const encryptedOf = (value: boolean | number | undefined) =>
  value === undefined ? undefined : value === true || value === 1

export function registerCreateCollaboration(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: Required<CollaborationBody> }>(
    `${deps.apiPath}/collaboration`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Collaboration'],
        summary: 'Create a collaboration',
        description: describe(
          'Creates a collaboration of the given organizations; answers 200 as upstream does. Unknown organization ids are a 400.',
          COLLABORATION_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: COLLABORATION_INPUT_PROPERTIES,
          required: ['name', 'encrypted', 'organization_ids'],
          additionalProperties: false,
        },
        response: { 200: COLLABORATION_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { name, organization_ids } = request.body
      const collaboration = await createCollaboration(request.em, request.caller, {
        name,
        organization_ids,
        encrypted: encryptedOf(request.body.encrypted) === true,
      })
      return toCollaborationView(collaboration, deps.links)
    },
  )
}
