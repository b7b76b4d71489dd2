import type { FastifyInstance } from 'fastify'
import { toOrganizationView } from '../../domain/accounts/organizations/organization-view.ts'
import { getOrganization } from '../../domain/accounts/organizations/write-organization.ts'
import { ORGANIZATION_RULES } from '../../domain/accounts/resource-rules.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { ORGANIZATION_SCHEMA } from './organization-schemas.ts'

export function registerGetOrganization(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/organization/:id`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Organization'],
        summary: 'Get an organization',
        description: describe('One organization.', ORGANIZATION_RULES.describe('VIEW')),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: ORGANIZATION_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toOrganizationView(
        await getOrganization(request.em, request.caller, request.params.id),
        deps.links,
      ),
  )
}
