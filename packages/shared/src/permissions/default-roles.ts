import { RULE_CATALOGUE, type RuleRef } from './rule-catalogue.ts'
import { ref, ruleKey } from './rule-key.ts'

/**
 * Names of the built-in roles (upstream's `DefaultRole` enum), exact strings. `POST /api/role`
 * refuses these names, case-sensitively.
 *
 * @example
 * DefaultRole.ORG_ADMIN // 'Organization Admin'
 */
export const DefaultRole = Object.freeze({
  ROOT: 'Root',
  CONTAINER: 'container',
  NODE: 'node',
  VIEWER: 'Viewer',
  RESEARCHER: 'Researcher',
  ORG_ADMIN: 'Organization Admin',
  COL_ADMIN: 'Collaboration Admin',
} as const)

export type DefaultRoleName = (typeof DefaultRole)[keyof typeof DefaultRole]

/**
 * How start-up keeps a built-in role in step with its definition.
 * - `exact`: rule set and description are made equal to the definition (only on the row named so
 *   with `is_default_role = true`; a custom role carrying the name is left alone).
 * - `append`: missing rules are added, nothing is removed and the description is kept. Upstream
 *   treats the fixed `node` and `container` roles this way.
 */
export type RoleSync = 'exact' | 'append'

/** A built-in role: organization-less, `is_default_role = true`. */
export interface DefaultRoleDefinition {
  readonly name: DefaultRoleName
  readonly description: string
  /** Distinct rule triples; every one is in the catalogue. */
  readonly rules: readonly RuleRef[]
  readonly sync: RoleSync
}

function distinct(rules: readonly RuleRef[]): readonly RuleRef[] {
  const seen = new Map<string, RuleRef>()
  for (const rule of rules) if (!seen.has(ruleKey(rule))) seen.set(ruleKey(rule), rule)
  return Object.freeze([...seen.values()])
}

function role(
  name: DefaultRoleName,
  description: string,
  rules: readonly RuleRef[],
  sync: RoleSync = 'exact',
): DefaultRoleDefinition {
  return Object.freeze({ name, description, rules: distinct(rules), sync })
}

const VIEWER_RULES: readonly RuleRef[] = [
  ref('user', 'OWN', 'EDIT'),
  ref('user', 'OWN', 'DELETE'),
  ref('user', 'ORGANIZATION', 'VIEW'),
  ref('organization', 'ORGANIZATION', 'VIEW'),
  ref('organization', 'COLLABORATION', 'VIEW'),
  ref('collaboration', 'ORGANIZATION', 'VIEW'),
  ref('role', 'ORGANIZATION', 'VIEW'),
  ref('node', 'ORGANIZATION', 'VIEW'),
  ref('node', 'COLLABORATION', 'VIEW'),
  ref('task', 'COLLABORATION', 'VIEW'),
  ref('run', 'COLLABORATION', 'VIEW'),
  ref('port', 'ORGANIZATION', 'VIEW'),
  ref('event', 'ORGANIZATION', 'RECEIVE'),
  ref('event', 'COLLABORATION', 'RECEIVE'),
  ref('study', 'ORGANIZATION', 'VIEW'),
]

const RESEARCHER_ONLY: readonly RuleRef[] = [
  ref('task', 'COLLABORATION', 'CREATE'),
  ref('task', 'ORGANIZATION', 'DELETE'),
]

// Since 4.14 the organization admin no longer gets the researcher's task rules.
const ORG_ADMIN_RULES: readonly RuleRef[] = [
  ...VIEWER_RULES,
  ref('user', 'ORGANIZATION', 'CREATE'),
  ref('user', 'ORGANIZATION', 'EDIT'),
  ref('user', 'ORGANIZATION', 'DELETE'),
  ref('organization', 'ORGANIZATION', 'EDIT'),
  ref('role', 'ORGANIZATION', 'CREATE'),
  ref('role', 'ORGANIZATION', 'EDIT'),
  ref('role', 'ORGANIZATION', 'DELETE'),
  ref('node', 'ORGANIZATION', 'CREATE'),
  ref('node', 'ORGANIZATION', 'EDIT'),
  ref('event', 'ORGANIZATION', 'SEND'),
]

// Upstream's list repeats `collaboration ORG VIEW` and `node COL VIEW`; `distinct` drops them.
const COL_ADMIN_RULES: readonly RuleRef[] = [
  ...ORG_ADMIN_RULES,
  ...RESEARCHER_ONLY,
  ref('user', 'COLLABORATION', 'VIEW'),
  ref('user', 'COLLABORATION', 'CREATE'),
  ref('user', 'COLLABORATION', 'EDIT'),
  ref('organization', 'GLOBAL', 'VIEW'),
  ref('organization', 'COLLABORATION', 'EDIT'),
  ref('collaboration', 'ORGANIZATION', 'VIEW'),
  ref('collaboration', 'COLLABORATION', 'EDIT'),
  ref('role', 'COLLABORATION', 'VIEW'),
  ref('node', 'COLLABORATION', 'CREATE'),
  ref('node', 'COLLABORATION', 'VIEW'),
  ref('node', 'COLLABORATION', 'DELETE'),
  ref('event', 'COLLABORATION', 'SEND'),
  ref('study', 'COLLABORATION', 'VIEW'),
  ref('study', 'COLLABORATION', 'CREATE'),
  ref('study', 'COLLABORATION', 'EDIT'),
  ref('study', 'COLLABORATION', 'DELETE'),
]

/**
 * The built-in roles in upstream's creation order, so a fresh database numbers them as upstream
 * does: Root=1, container=2, node=3, Viewer=4, Researcher=5, Organization Admin=6,
 * Collaboration Admin=7.
 *
 * @example
 * DEFAULT_ROLES.find((r) => r.name === 'Researcher')?.rules.length // 17
 */
export const DEFAULT_ROLES: readonly DefaultRoleDefinition[] = Object.freeze([
  role(DefaultRole.ROOT, 'Super role', RULE_CATALOGUE),
  role(
    DefaultRole.CONTAINER,
    'container role',
    RULE_CATALOGUE.filter((rule) => rule.assignToContainer),
    'append',
  ),
  role(
    DefaultRole.NODE,
    'node role',
    RULE_CATALOGUE.filter((rule) => rule.assignToNode),
    'append',
  ),
  role(
    DefaultRole.VIEWER,
    'Can manage their own account and view resources related to their organization',
    VIEWER_RULES,
  ),
  role(
    DefaultRole.RESEARCHER,
    'Can perform tasks, manage their own account, and view resources related to their organization',
    [...VIEWER_RULES, ...RESEARCHER_ONLY],
  ),
  role(
    DefaultRole.ORG_ADMIN,
    'Can manage an organization including its users, roles, and nodes.',
    ORG_ADMIN_RULES,
  ),
  role(
    DefaultRole.COL_ADMIN,
    'Can manage a collaboration including its organization and users. Also has permissions of an organization admin and researcher.',
    COL_ADMIN_RULES,
  ),
])

/** Every built-in role name, in creation order. */
export const DEFAULT_ROLE_NAMES: readonly DefaultRoleName[] = Object.freeze(
  DEFAULT_ROLES.map((definition) => definition.name),
)

/**
 * Whether a name is one of the built-in role names (case-sensitive, as upstream compares).
 *
 * @example
 * isDefaultRoleName('Viewer') // true
 * isDefaultRoleName('viewer') // false
 */
export function isDefaultRoleName(name: string): name is DefaultRoleName {
  return (DEFAULT_ROLE_NAMES as readonly string[]).includes(name)
}

/** The definition of a built-in role. */
export function defaultRoleDefinition(name: DefaultRoleName): DefaultRoleDefinition {
  const definition = DEFAULT_ROLES.find((candidate) => candidate.name === name)
  if (definition === undefined) throw new Error(`unknown default role '${name}'`)
  return definition
}
