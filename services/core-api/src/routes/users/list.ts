import type { FastifyInstance } from 'fastify'
import { USER_RULES } from '../../domain/accounts/resource-rules.ts'
import { listUsers, type UserFilters } from '../../domain/accounts/users/list-users.ts'
import { toUserView, USER_SORT_COLUMNS } from '../../domain/accounts/users/user-view.ts'
import { listSchema, PAGE_QUERY } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type PageQuery, pageRequest, type RouteDeps, sendPage } from '../route-deps.ts'
import { USER_LIST_FILTERS, USER_SCHEMA } from './user-schemas.ts'

export function registerListUsers(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: UserFilters & PageQuery }>(
    `${deps.apiPath}/user`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['User'],
        summary: 'List users',
        description: describe(
          'Users the caller may view; `username` of oneself is always allowed.',
          USER_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: { ...USER_LIST_FILTERS, ...PAGE_QUERY },
        },
        response: { 200: listSchema(USER_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, ...filters } = request.query
      const result = await listUsers(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'User', USER_SORT_COLUMNS),
      )
      return sendPage(request, reply, result, (user) => toUserView(user, deps.links))
    },
  )
}
