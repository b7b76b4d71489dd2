import { type OperationName, type ScopeName, toOperationName, toScopeName } from './enums.ts'
import { RULE_CATALOGUE, type RuleDefinition, type RuleRef } from './rule-catalogue.ts'

/** The triple of a rule as rows hold it: any resource string, so legacy rows fit too. */
export interface StoredRuleRef {
  readonly name: string
  readonly scope: string
  readonly operation: string
}

/**
 * A stable string for a rule triple, for maps and sets. Scope and operation may be given as codes
 * or names; both give the same key.
 *
 * @example
 * ruleKey({ name: 'task', scope: 'COLLABORATION', operation: 'CREATE' }) // 'task:COLLABORATION:CREATE'
 * ruleKey({ name: 'task', scope: 'col', operation: 'c' })                // 'task:COLLABORATION:CREATE'
 */
export function ruleKey(rule: StoredRuleRef): string {
  const scope = toScopeName(rule.scope) ?? rule.scope
  const operation = toOperationName(rule.operation) ?? rule.operation
  return `${rule.name}:${scope}:${operation}`
}

const CATALOGUE_BY_KEY: ReadonlyMap<string, RuleDefinition> = new Map(
  RULE_CATALOGUE.map((definition) => [ruleKey(definition), definition]),
)

/**
 * The catalogue entry for a triple, or `undefined` when the catalogue has no such rule.
 *
 * @example
 * findRule('event', 'GLOBAL', 'SEND')?.description // 'send websocket events to all collaborations'
 */
export function findRule(
  name: string,
  scope: ScopeName,
  operation: OperationName,
): RuleDefinition | undefined {
  return CATALOGUE_BY_KEY.get(ruleKey({ name, scope, operation }))
}

/** Whether a triple belongs to the catalogue. */
export function isCatalogueRule(rule: StoredRuleRef): boolean {
  return CATALOGUE_BY_KEY.has(ruleKey(rule))
}

/** Shorthand used by the role definitions; keeps their lists readable. */
export function ref(name: RuleRef['name'], scope: ScopeName, operation: OperationName): RuleRef {
  return Object.freeze({ name, scope, operation })
}
