import type { OperationName, ScopeName } from './enums.ts'

/** The resources that own rules, in upstream's registration order (`RESOURCES` in globals.py). */
export const RULE_RESOURCES = Object.freeze([
  'node',
  'collaboration',
  'organization',
  'task',
  'run',
  'user',
  'role',
  'port',
  'event',
  'study',
] as const)

/** A resource name as stored in `rule.name`. */
export type RuleResource = (typeof RULE_RESOURCES)[number]

/** The identity of a rule: upstream looks rules up by this triple, never by id. */
export interface RuleRef {
  readonly name: RuleResource
  readonly scope: ScopeName
  readonly operation: OperationName
}

/** One rule of the catalogue, as upstream 4.14 registers it at start-up. */
export interface RuleDefinition extends RuleRef {
  /** Written when the rule is inserted; upstream never updates it afterwards. */
  readonly description: string
  /** Also granted to the fixed `node` role. */
  readonly assignToNode: boolean
  /** Also granted to the fixed `container` role. */
  readonly assignToContainer: boolean
}

type Grant = '' | 'N' | 'NC'

function rule(
  name: RuleResource,
  scope: ScopeName,
  operation: OperationName,
  description: string,
  grant: Grant = '',
): RuleDefinition {
  return Object.freeze({
    name,
    scope,
    operation,
    description,
    assignToNode: grant.includes('N'),
    assignToContainer: grant.includes('C'),
  })
}

/**
 * Every rule of vantage6 4.14 (86), in registration order, so a fresh database gives them the
 * same ids as upstream (1–86). Descriptions say in a few words what each rule allows;
 * an adopted database keeps the descriptions it has.
 *
 * @example
 * RULE_CATALOGUE[0] // { name: 'node', scope: 'GLOBAL', operation: 'VIEW', ... }
 */
export const RULE_CATALOGUE: readonly RuleDefinition[] = Object.freeze([
  rule('node', 'GLOBAL', 'VIEW', 'see every node'),
  rule('node', 'COLLABORATION', 'VIEW', 'see nodes in collaborations of your organization'),
  rule('node', 'ORGANIZATION', 'VIEW', "see your organization's nodes", 'NC'),
  rule('node', 'GLOBAL', 'EDIT', 'modify any node'),
  rule('node', 'COLLABORATION', 'EDIT', 'modify nodes in your collaborations'),
  rule('node', 'ORGANIZATION', 'EDIT', "modify your organization's nodes", 'N'),
  rule('node', 'GLOBAL', 'CREATE', 'register a node for any organization'),
  rule(
    'node',
    'COLLABORATION',
    'CREATE',
    'register nodes for organizations in your collaborations',
  ),
  rule('node', 'ORGANIZATION', 'CREATE', 'register a node for your organization'),
  rule('node', 'GLOBAL', 'DELETE', 'remove any node'),
  rule('node', 'COLLABORATION', 'DELETE', 'remove nodes in your collaborations'),
  rule('node', 'ORGANIZATION', 'DELETE', "remove your organization's nodes"),

  rule('collaboration', 'GLOBAL', 'VIEW', 'see every collaboration'),
  rule(
    'collaboration',
    'ORGANIZATION',
    'VIEW',
    'see collaborations your organization takes part in',
    'NC',
  ),
  rule('collaboration', 'GLOBAL', 'EDIT', 'modify any collaboration'),
  rule(
    'collaboration',
    'COLLABORATION',
    'EDIT',
    'modify collaborations your organization takes part in',
  ),
  rule('collaboration', 'GLOBAL', 'CREATE', 'create collaborations'),
  rule('collaboration', 'GLOBAL', 'DELETE', 'delete any collaboration'),
  rule(
    'collaboration',
    'COLLABORATION',
    'DELETE',
    'delete collaborations your organization takes part in',
  ),

  rule('organization', 'GLOBAL', 'VIEW', 'see every organization'),
  rule('organization', 'ORGANIZATION', 'VIEW', 'see your own organization', 'NC'),
  rule('organization', 'COLLABORATION', 'VIEW', 'see organizations you collaborate with', 'NC'),
  rule('organization', 'GLOBAL', 'EDIT', 'modify any organization'),
  rule('organization', 'ORGANIZATION', 'EDIT', 'modify your own organization', 'N'),
  rule('organization', 'COLLABORATION', 'EDIT', 'modify organizations you collaborate with'),
  rule('organization', 'GLOBAL', 'CREATE', 'create organizations'),
  rule('organization', 'GLOBAL', 'DELETE', 'delete organizations *(since 4.7)*'),

  rule('task', 'GLOBAL', 'VIEW', 'see every task'),
  rule('task', 'COLLABORATION', 'VIEW', 'see tasks of your collaborations', 'NC'),
  rule('task', 'ORGANIZATION', 'VIEW', 'see tasks your organization created'),
  rule('task', 'OWN', 'VIEW', 'see tasks you created'),
  rule('task', 'GLOBAL', 'CREATE', 'create tasks anywhere'),
  rule('task', 'COLLABORATION', 'CREATE', 'create tasks in collaborations of your organization'),
  rule('task', 'GLOBAL', 'DELETE', 'delete any task'),
  rule('task', 'COLLABORATION', 'DELETE', 'delete tasks of your collaborations'),
  rule('task', 'ORGANIZATION', 'DELETE', 'delete tasks created by your organization'),
  rule('task', 'OWN', 'DELETE', 'delete tasks you created'),

  rule('run', 'GLOBAL', 'VIEW', 'see every run'),
  rule('run', 'COLLABORATION', 'VIEW', 'see runs of your collaborations', 'NC'),
  rule('run', 'ORGANIZATION', 'VIEW', 'see runs of tasks your organization created'),
  rule('run', 'OWN', 'VIEW', 'see runs of tasks you created'),

  rule('user', 'GLOBAL', 'VIEW', 'see every user'),
  rule('user', 'COLLABORATION', 'VIEW', 'see users of organizations in your collaborations'),
  rule('user', 'ORGANIZATION', 'VIEW', 'see users of your organization'),
  rule('user', 'GLOBAL', 'CREATE', 'create users in any organization'),
  rule('user', 'COLLABORATION', 'CREATE', 'create users for organizations in your collaborations'),
  rule('user', 'ORGANIZATION', 'CREATE', 'create users in your organization'),
  rule('user', 'GLOBAL', 'EDIT', 'modify any user'),
  rule('user', 'COLLABORATION', 'EDIT', 'modify users in your collaborations'),
  rule('user', 'ORGANIZATION', 'EDIT', 'modify users of your organization'),
  rule('user', 'OWN', 'EDIT', 'modify your own account'),
  rule('user', 'GLOBAL', 'DELETE', 'delete any user'),
  rule('user', 'COLLABORATION', 'DELETE', 'delete users in your collaborations'),
  rule('user', 'ORGANIZATION', 'DELETE', 'delete users of your organization'),
  rule('user', 'OWN', 'DELETE', 'delete your own account'),

  rule('role', 'GLOBAL', 'VIEW', 'see every role'),
  rule('role', 'COLLABORATION', 'VIEW', 'see roles in your collaborations'),
  rule('role', 'ORGANIZATION', 'VIEW', "see your organization's roles"),
  rule('role', 'GLOBAL', 'CREATE', 'create roles for any organization'),
  rule('role', 'COLLABORATION', 'CREATE', 'create roles for organizations in your collaborations'),
  rule('role', 'ORGANIZATION', 'CREATE', 'create roles for your organization'),
  rule('role', 'GLOBAL', 'EDIT', 'modify any role'),
  rule('role', 'COLLABORATION', 'EDIT', 'modify roles in your collaborations'),
  rule('role', 'ORGANIZATION', 'EDIT', "modify your organization's roles"),
  rule('role', 'GLOBAL', 'DELETE', 'delete roles of any organization'),
  rule('role', 'COLLABORATION', 'DELETE', 'delete roles of organizations in your collaborations'),
  rule('role', 'ORGANIZATION', 'DELETE', "delete your organization's roles"),

  rule('port', 'GLOBAL', 'VIEW', 'see every algorithm port'),
  rule(
    'port',
    'ORGANIZATION',
    'VIEW',
    "see ports (of runs) of your organization's collaborations",
    'NC',
  ),

  rule('event', 'ORGANIZATION', 'RECEIVE', 'receive socket events about your organization'),
  rule('event', 'COLLABORATION', 'RECEIVE', 'receive socket events of your collaborations'),
  rule('event', 'GLOBAL', 'RECEIVE', 'receive all socket events'),
  rule('event', 'ORGANIZATION', 'SEND', 'send socket events for your organization'),
  rule('event', 'COLLABORATION', 'SEND', 'send socket events for your collaborations'),
  rule('event', 'GLOBAL', 'SEND', 'send socket events to every collaboration'),

  rule('study', 'GLOBAL', 'VIEW', 'see every study *(study rules since 4.3)*'),
  rule('study', 'ORGANIZATION', 'VIEW', 'see studies your organization is in', 'NC'),
  rule('study', 'COLLABORATION', 'VIEW', 'see studies in your collaborations'),
  rule('study', 'GLOBAL', 'EDIT', 'modify any study'),
  rule('study', 'COLLABORATION', 'EDIT', 'modify studies in your collaborations'),
  rule('study', 'ORGANIZATION', 'EDIT', 'modify studies your organization is in'),
  rule('study', 'GLOBAL', 'CREATE', 'create studies anywhere'),
  rule('study', 'COLLABORATION', 'CREATE', 'create studies in your collaborations'),
  rule('study', 'GLOBAL', 'DELETE', 'delete any study'),
  rule('study', 'COLLABORATION', 'DELETE', 'delete studies in your collaborations'),
  rule('study', 'ORGANIZATION', 'DELETE', 'delete studies your organization is in'),
])
