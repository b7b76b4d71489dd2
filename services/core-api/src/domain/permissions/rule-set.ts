import {
  type OperationName,
  ruleKey,
  type ScopeName,
  type StoredRuleRef,
  toOperationName,
  toScopeName,
} from '@fedhub/shared/permissions'

/** Scopes from narrow to wide; a rule at one scope also covers every narrower one. */
export const SCOPE_ORDER: readonly ScopeName[] = ['OWN', 'ORGANIZATION', 'COLLABORATION', 'GLOBAL']

/**
 * The rules one caller holds, as a set of (resource, scope, operation) triples. Built once per
 * request from the caller's rows, so every check after that is a set lookup.
 */
export class RuleSet {
  readonly #keys: ReadonlySet<string>

  constructor(rules: Iterable<StoredRuleRef>) {
    const keys = new Set<string>()
    for (const rule of rules) keys.add(ruleKey(rule))
    this.#keys = keys
  }

  has(resource: string, scope: ScopeName, operation: OperationName): boolean {
    return this.#keys.has(ruleKey({ name: resource, scope, operation }))
  }

  /** Whether the caller holds the operation at `scope` or at any wider scope. */
  hasAtLeastScope(resource: string, scope: ScopeName, operation: OperationName): boolean {
    return SCOPE_ORDER.slice(SCOPE_ORDER.indexOf(scope)).some((wider) =>
      this.has(resource, wider, operation),
    )
  }

  /**
   * Whether the caller could hand out `rule`: they hold the same rule or a wider scope of it.
   * Rows with scope or operation outside the enums (legacy data) can never be handed out.
   */
  covers(rule: StoredRuleRef): boolean {
    const scope = toScopeName(rule.scope)
    const operation = toOperationName(rule.operation)
    if (scope === undefined || operation === undefined) return false
    return this.hasAtLeastScope(rule.name, scope, operation)
  }

  get size(): number {
    return this.#keys.size
  }
}
