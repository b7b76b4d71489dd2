import type { FastifyInstance } from 'fastify'
import { ROLE_RULES } from '../../domain/accounts/resource-rules.ts'
import { addRoleRule, removeRoleRule } from '../../domain/accounts/roles/role-rules.ts'
import { toRuleView } from '../../domain/accounts/roles/role-view.ts'
import { ERRORS } from '../error-responses.ts'
import { describe, type RouteDeps } from '../route-deps.ts'
import { ROLE_RULE_PARAMS, RULE_SCHEMA } from './role-schemas.ts'

type Params = { Params: { id: number; rule_id: number } }

/** `POST` and `DELETE /role/<id>/rule/<rule_id>`: one rule in or out of a custom role. */
export function registerRoleRuleRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const url = `${deps.apiPath}/role/:id/rule/:rule_id`
  const schema = (summary: string, status: number) => ({
    tags: ['Role'],
    summary,
    description: describe(
      `${summary}; the caller must hold the rule (a wider scope counts). Built-in roles are refused. Answers the role's rules.`,
      ROLE_RULES.describe('EDIT'),
    ),
    security: [{ bearerAuth: [] }],
    params: ROLE_RULE_PARAMS,
    response: { [status]: { type: 'array', items: RULE_SCHEMA }, ...ERRORS },
  })
  app.post<Params>(
    url,
    { config: { identities: ['user'] }, schema: schema('Add a rule to a role', 201) },
    async (request, reply) => {
      const { id, rule_id } = request.params
      const rules = await addRoleRule(request.em, request.caller, id, rule_id)
      return reply.status(201).send(rules.map((rule) => toRuleView(rule, deps.links)))
    },
  )
  app.delete<Params>(
    url,
    { config: { identities: ['user'] }, schema: schema('Remove a rule from a role', 200) },
    async (request) => {
      const { id, rule_id } = request.params
      const rules = await removeRoleRule(request.em, request.caller, id, rule_id)
      return rules.map((rule) => toRuleView(rule, deps.links))
    },
  )
}
