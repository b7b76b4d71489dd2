export type {
  DefaultRoleDefinition,
  DefaultRoleName,
  RoleSync,
} from './default-roles.ts'
export {
  DEFAULT_ROLE_NAMES,
  DEFAULT_ROLES,
  DefaultRole,
  defaultRoleDefinition,
  isDefaultRoleName,
} from './default-roles.ts'
export type { OperationCode, OperationName, ScopeCode, ScopeName } from './enums.ts'
export {
  OPERATION_NAMES,
  Operation,
  permissionKey,
  SCOPE_NAMES,
  Scope,
  toOperationName,
  toScopeName,
} from './enums.ts'
export type { RuleDefinition, RuleRef, RuleResource } from './rule-catalogue.ts'
export { RULE_CATALOGUE, RULE_RESOURCES } from './rule-catalogue.ts'
export type { StoredRuleRef } from './rule-key.ts'
export { findRule, isCatalogueRule, ruleKey } from './rule-key.ts'
