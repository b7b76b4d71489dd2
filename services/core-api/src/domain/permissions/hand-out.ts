import { errors } from '@fedhub/shared/errors'
import { type StoredRuleRef, toOperationName, toScopeName } from '@fedhub/shared/permissions'
import type { Caller } from './caller.ts'

/**
 * A caller may only hand out (or take away) rules they hold themselves; holding the same rule at
 * a wider scope counts. Throws 401 naming the first rule the caller lacks, in lower case.
 *
 * @example
 * assertHoldsRules(caller, role.rules) // 401 "You don't have the rule (user, organization, create)"
 */
export function assertHoldsRules(caller: Caller, rules: Iterable<StoredRuleRef>): void {
  for (const rule of rules) {
    if (caller.rules.covers(rule)) continue
    const scope = (toScopeName(rule.scope) ?? rule.scope).toLowerCase()
    const operation = (toOperationName(rule.operation) ?? rule.operation).toLowerCase()
    throw errors.unauthorized(`You don't have the rule (${rule.name}, ${scope}, ${operation})`)
  }
}
