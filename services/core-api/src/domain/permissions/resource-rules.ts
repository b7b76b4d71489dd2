import {
  findRule,
  type OperationName,
  type RuleResource,
  type ScopeName,
} from '@fedhub/shared/permissions'
import type { Caller } from './caller.ts'
import { SCOPE_ORDER } from './rule-set.ts'

/** A (scope, operation) pair a resource checks, such as `['GLOBAL', 'VIEW']`. */
export type Gate = readonly [ScopeName, OperationName]

/** The permission checks of one resource, bound to one caller. */
export interface ResourceGuard {
  has(scope: ScopeName, operation: OperationName): boolean
  hasAtLeastScope(scope: ScopeName, operation: OperationName): boolean
  /**
   * Global; or organization scope and `organizationId` is the caller's own; or collaboration
   * scope and the organization shares one of the caller's collaborations.
   */
  allowedForOrg(operation: OperationName, organizationId: number | null | undefined): boolean
  /** Global; or collaboration scope and the caller takes part in the collaboration. */
  canForCol(operation: OperationName, collaborationId: number): boolean
}

/** The rules a resource registered: binds them to callers and describes them for OpenAPI. */
export interface ResourceRules {
  readonly resource: RuleResource
  readonly gates: readonly Gate[]
  for(caller: Caller): ResourceGuard
  /** `user: GLOBAL VIEW, ORGANIZATION VIEW`, for route descriptions. */
  describe(operation: OperationName): string
}

/**
 * Registers the rules a resource checks. Each must be in the shared catalogue (the seeding
 * writes exactly that catalogue), so a typo fails at start-up rather than denying silently.
 *
 * @example
 * const userRules = registerResourceRules('user', [['GLOBAL', 'VIEW'], ['OWN', 'EDIT']])
 * userRules.for(caller).allowedForOrg('VIEW', 3)
 */
export function registerResourceRules(
  resource: RuleResource,
  gates: readonly Gate[],
): ResourceRules {
  for (const [scope, operation] of gates) {
    if (findRule(resource, scope, operation) === undefined) {
      throw new Error(`rule (${resource}, ${scope}, ${operation}) is not in the catalogue`)
    }
  }
  return {
    resource,
    gates,
    for: (caller) => bindGuard(resource, caller),
    describe(operation) {
      const scopes = SCOPE_ORDER.filter((scope) =>
        gates.some(([s, o]) => s === scope && o === operation),
      )
      return `${resource} ${operation}: ${scopes.join(', ') || 'none'}`
    },
  }
}

function bindGuard(resource: RuleResource, caller: Caller): ResourceGuard {
  const has = (scope: ScopeName, operation: OperationName) =>
    caller.rules.has(resource, scope, operation)
  return {
    has,
    hasAtLeastScope: (scope, operation) => caller.rules.hasAtLeastScope(resource, scope, operation),
    allowedForOrg(operation, organizationId) {
      if (has('GLOBAL', operation)) return true
      if (organizationId === null || organizationId === undefined) return false
      if (has('ORGANIZATION', operation) && organizationId === caller.organizationId) return true
      return (
        has('COLLABORATION', operation) && caller.collaborationOrganizationIds.has(organizationId)
      )
    },
    canForCol(operation, collaborationId) {
      if (has('GLOBAL', operation)) return true
      return has('COLLABORATION', operation) && caller.collaborationIds.has(collaborationId)
    },
  }
}
