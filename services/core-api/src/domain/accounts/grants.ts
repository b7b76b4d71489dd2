import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role, Rule } from '@fedhub/shared/entities'
import type { StoredRuleRef } from '@fedhub/shared/permissions'

/** A rule row as the hand-out check reads it. */
export function ruleRef(rule: Rule): StoredRuleRef {
  return { name: rule.name ?? '', scope: rule.scope ?? '', operation: rule.operation ?? '' }
}

/** Roles by id with their rules, in two queries. */
export function rolesWithRules(em: FedhubEntityManager, ids: readonly number[]): Promise<Role[]> {
  if (ids.length === 0) return Promise.resolve([])
  return em.find(Role, { id: { $in: [...ids] } }, { populate: ['rules'], orderBy: { id: 'asc' } })
}

/** Rules by id. */
export function rulesById(em: FedhubEntityManager, ids: readonly number[]): Promise<Rule[]> {
  if (ids.length === 0) return Promise.resolve([])
  return em.find(Rule, { id: { $in: [...ids] } }, { orderBy: { id: 'asc' } })
}

/** The first id of `wanted` that `found` lacks. */
export function firstMissing(wanted: readonly number[], found: ReadonlyArray<{ id: number }>) {
  const present = new Set(found.map((row) => row.id))
  return wanted.find((id) => !present.has(id))
}
