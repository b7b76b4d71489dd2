import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role, Rule, User } from '@fedhub/shared/entities'
import { toOperationName, toScopeName } from '@fedhub/shared/permissions'
import { fetchPage, type Page, type PageRequest } from '../../list-kit/index.ts'
import { badRequest, notFound } from '../account-errors.ts'

export interface RuleFilters {
  name?: string
  operation?: string
  scope?: string
  role_id?: number
  user_id?: number
}

/** `GET /rule`: readable by every user. Operation and scope take codes (`v`) or names (`VIEW`). */
export async function listRules(
  em: FedhubEntityManager,
  filters: RuleFilters,
  page: PageRequest,
): Promise<Page<Rule>> {
  const qb = em.createQueryBuilder(Rule, 'r')
  if (filters.name !== undefined) qb.andWhere({ name: filters.name })
  if (filters.operation !== undefined) {
    const operation = toOperationName(filters.operation)
    if (operation === undefined) {
      throw badRequest('rule.bad_operation', `'${filters.operation}' is not a valid operation`)
    }
    qb.andWhere({ operation })
  }
  if (filters.scope !== undefined) {
    const scope = toScopeName(filters.scope)
    if (scope === undefined)
      throw badRequest('rule.bad_scope', `'${filters.scope}' is not a valid scope`)
    qb.andWhere({ scope })
  }
  if (filters.role_id !== undefined) {
    if ((await em.count(Role, { id: filters.role_id })) === 0) {
      throw badRequest('role.not_found', `Role with id=${filters.role_id} does not exist!`)
    }
    qb.andWhere('r.id in (select rule_id from role_rule_association where role_id = ?)', [
      filters.role_id,
    ])
  }
  if (filters.user_id !== undefined) {
    const id = filters.user_id
    if ((await em.count(User, { id })) === 0) {
      throw badRequest('user.not_found', `User with id=${id} does not exist!`)
    }
    // Rules through roles and direct rules (upstream's join loses direct ones in some cases).
    qb.andWhere(
      `r.id in (select rra.rule_id from role_rule_association rra
        join "Permission" p on p.role_id = rra.role_id where p.user_id = ?
        union select up.rule_id from "UserPermission" up where up.user_id = ?)`,
      [id, id],
    )
  }
  return fetchPage(qb, page)
}

/** `GET /rule/<id>`. */
export async function getRule(em: FedhubEntityManager, id: number): Promise<Rule> {
  const rule = await em.findOne(Rule, id)
  if (rule === null) throw notFound('rule.not_found', `Rule id=${id} not found!`)
  return rule
}
