import type { FastifyInstance } from 'fastify'
import { RULE_SORT_COLUMNS, toRuleView } from '../../domain/accounts/roles/role-view.ts'
import { getRule, listRules, type RuleFilters } from '../../domain/accounts/rules/list-rules.ts'
import { FLAG, ID, listSchema, PAGE_QUERY, parseFlag } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import { RULE_SCHEMA } from '../roles/role-schemas.ts'
import { type PageQuery, pageRequest, type RouteDeps, sendPage } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'

const GATE = '\n\nGated by: any user token; no rule needed.'

/** `GET /rule` and `GET /rule/<id>`: the rule catalogue, readable by every user. */
export function registerRuleRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get<{ Querystring: RuleFilters & PageQuery & { no_pagination?: string } }>(
    `${deps.apiPath}/rule`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Rule'],
        summary: 'List rules',
        description: `Rules, by name, operation and scope (codes such as \`v\`/\`glo\` or names such as \`VIEW\`/\`GLOBAL\`), role or user.${GATE}`,
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            operation: { type: 'string' },
            scope: { type: 'string' },
            role_id: ID,
            user_id: ID,
            no_pagination: FLAG,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(RULE_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, no_pagination, ...filters } = request.query
      const paging = pageRequest({ page, per_page, sort }, 'Rule', RULE_SORT_COLUMNS)
      const result = await listRules(request.em, filters, {
        ...paging,
        paginate: !parseFlag(no_pagination),
      })
      return sendPage(request, reply, result, (rule) => toRuleView(rule, deps.links))
    },
  )
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/rule/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Rule'],
        summary: 'Get a rule',
        description: `One rule.${GATE}`,
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: RULE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => toRuleView(await getRule(request.em, request.params.id), deps.links),
  )
}
