import type { FastifyInstance } from 'fastify'
import { toOrganizationView } from '../../domain/accounts/organizations/organization-view.ts'
import {
  assertMayCreateOrganization,
  createOrganization,
  type OrganizationInput,
} from '../../domain/accounts/organizations/write-organization.ts'
import { ORGANIZATION_RULES } from '../../domain/accounts/resource-rules.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ORGANIZATION_INPUT_PROPERTIES, ORGANIZATION_SCHEMA } from './organization-schemas.ts'

export function registerCreateOrganization(app: FastifyInstance, deps: RouteDeps): void {
  app.post<{ Body: OrganizationInput & { name: string } }>(
    `${deps.apiPath}/organization`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Organization'],
        summary: 'Create an organization',
        description: describe('Creates an organization.', ORGANIZATION_RULES.describe('CREATE')),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: ORGANIZATION_INPUT_PROPERTIES,
          required: ['name'],
          additionalProperties: false,
        },
        response: { 201: ORGANIZATION_SCHEMA, ...ERRORS },
      },
      // Upstream refuses a caller without the rule before it looks at the body.
      preValidation: async (request) => assertMayCreateOrganization(request.caller),
    },
    async (request, reply) => {
      const org = await createOrganization(request.em, request.caller, request.body)
      return reply.status(201).send(toOrganizationView(org, deps.links))
    },
  )
}
