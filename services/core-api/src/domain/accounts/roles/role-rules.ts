import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Rule } from '@fedhub/shared/entities'
import { assertHoldsRules, type Caller } from '../../permissions/index.ts'
import { denied, notFound } from '../account-errors.ts'
import { ruleRef } from '../grants.ts'
import { ROLE_RULES } from '../resource-rules.ts'
import { assertNotDefault, findRole } from './get-role.ts'

async function prepare(em: FedhubEntityManager, caller: Caller, id: number, ruleId: number) {
  const role = await findRole(em, id)
  const rule = await em.findOne(Rule, ruleId)
  if (rule === null) throw notFound('rule.not_found', `Rule with id=${ruleId} not found.`)
  // Upstream lets this widen built-in roles (even node and container); they stay fixed here.
  assertNotDefault(role)
  const orgId = role.organization?.id
  if (!ROLE_RULES.for(caller).allowedForOrg('EDIT', orgId)) {
    throw denied(`You lack the permission to e roles for organization ${orgId ?? null}!`)
  }
  assertHoldsRules(caller, [ruleRef(rule)])
  await em.populate(role, ['rules'])
  return { role, rule }
}

/** `POST /role/<id>/rule/<rule_id>`: idempotent; answers all rules of the role. */
export async function addRoleRule(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  ruleId: number,
): Promise<Rule[]> {
  const { role, rule } = await prepare(em, caller, id, ruleId)
  if (!role.rules.contains(rule)) role.rules.add(rule)
  await em.flush()
  return sorted(role.rules.getItems())
}

/** `DELETE /role/<id>/rule/<rule_id>`: answers the remaining rules. */
export async function removeRoleRule(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  ruleId: number,
): Promise<Rule[]> {
  const { role, rule } = await prepare(em, caller, id, ruleId)
  if (!role.rules.contains(rule)) {
    throw notFound('role.rule_absent', `Rule with id=${ruleId} is not part of role with id=${id}`)
  }
  role.rules.remove(rule)
  await em.flush()
  return sorted(role.rules.getItems())
}

const sorted = (rules: Rule[]) => [...rules].sort((a, b) => a.id - b.id)
