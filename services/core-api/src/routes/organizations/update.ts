import type { FastifyInstance } from 'fastify'
import { toOrganizationView } from '../../domain/accounts/organizations/organization-view.ts'
import {
  type OrganizationInput,
  updateOrganization,
} from '../../domain/accounts/organizations/write-organization.ts'
import { ORGANIZATION_RULES } from '../../domain/accounts/resource-rules.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { ORGANIZATION_INPUT_PROPERTIES, ORGANIZATION_SCHEMA } from './organization-schemas.ts'

export function registerUpdateOrganization(app: FastifyInstance, deps: RouteDeps): void {
  app.patch<{ Params: { id: number }; Body: OrganizationInput }>(
    `${deps.apiPath}/organization/:id`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        tags: ['Organization'],
        summary: 'Edit an organization',
        description: describe(
          'Fields given and not null are written; nodes use it to upload the public key.',
          ORGANIZATION_RULES.describe('EDIT'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: {
          type: 'object',
          properties: ORGANIZATION_INPUT_PROPERTIES,
          additionalProperties: false,
        },
        response: { 200: ORGANIZATION_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const org = await updateOrganization(
        request.em,
        request.caller,
        request.params.id,
        request.body ?? {},
      )
      return toOrganizationView(org, deps.links)
    },
  )
}
