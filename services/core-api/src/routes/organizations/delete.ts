import type { FastifyInstance } from 'fastify'
import { deleteOrganization } from '../../domain/accounts/organizations/write-organization.ts'
import { ORGANIZATION_RULES } from '../../domain/accounts/resource-rules.ts'
import { MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { FLAG, ID_PARAMS } from '../users/user-schemas.ts'

export function registerDeleteOrganization(app: FastifyInstance, deps: RouteDeps): void {
  app.delete<{ Params: { id: number }; Querystring: { delete_dependents?: string } }>(
    `${deps.apiPath}/organization/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Organization'],
        summary: 'Delete an organization',
        description: describe(
          'Runs, tasks, nodes, users and roles of the organization block the deletion unless `delete_dependents=true` (false, 0 and no mean false). One’s own organization cannot be deleted.',
          ORGANIZATION_RULES.describe('DELETE'),
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
      await deleteOrganization(request.em, request.caller, id, cascade)
      return { msg: `Organization id=${id} was removed from the database` }
    },
  )
}
