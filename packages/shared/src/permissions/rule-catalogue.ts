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
 * same ids as upstream (1–86). Descriptions are upstream's verbatim because `GET /api/rule`
 * returns them.
 *
 * @example
 * RULE_CATALOGUE[0] // { name: 'node', scope: 'GLOBAL', operation: 'VIEW', ... }
 */
export const RULE_CATALOGUE: readonly RuleDefinition[] = Object.freeze([
  rule('node', 'GLOBAL', 'VIEW', 'view any node'),
  rule('node', 'COLLABORATION', 'VIEW', 'view any node in your collaborations'),
  rule('node', 'ORGANIZATION', 'VIEW', 'view your own node info', 'NC'),
  rule('node', 'GLOBAL', 'EDIT', 'edit any node'),
  rule('node', 'COLLABORATION', 'EDIT', 'edit any node in your collaborations'),
  rule('node', 'ORGANIZATION', 'EDIT', 'edit node that is part of your organization', 'N'),
  rule('node', 'GLOBAL', 'CREATE', 'create node for any organization'),
  rule(
    'node',
    'COLLABORATION',
    'CREATE',
    'create node for any organization in your collaborations',
  ),
  rule('node', 'ORGANIZATION', 'CREATE', 'create new node for your organization'),
  rule('node', 'GLOBAL', 'DELETE', 'delete any node'),
  rule('node', 'COLLABORATION', 'DELETE', 'delete any node in your collaborations'),
  rule('node', 'ORGANIZATION', 'DELETE', 'delete node that is part of your organization'),

  rule('collaboration', 'GLOBAL', 'VIEW', 'view any collaboration'),
  rule('collaboration', 'ORGANIZATION', 'VIEW', 'view collaborations of your organization', 'NC'),
  rule('collaboration', 'GLOBAL', 'EDIT', 'edit any collaboration'),
  rule(
    'collaboration',
    'COLLABORATION',
    'EDIT',
    'edit any collaboration that your organization participates in',
  ),
  rule('collaboration', 'GLOBAL', 'CREATE', 'create a new collaboration'),
  rule('collaboration', 'GLOBAL', 'DELETE', 'delete a collaboration'),
  rule(
    'collaboration',
    'COLLABORATION',
    'DELETE',
    'delete any collaboration that your organization participates in',
  ),

  rule('organization', 'GLOBAL', 'VIEW', 'view any organization'),
  rule('organization', 'ORGANIZATION', 'VIEW', 'view your own organization info', 'NC'),
  rule('organization', 'COLLABORATION', 'VIEW', 'view collaborating organizations', 'NC'),
  rule('organization', 'GLOBAL', 'EDIT', 'edit any organization'),
  rule('organization', 'ORGANIZATION', 'EDIT', 'edit your own organization info', 'N'),
  rule('organization', 'COLLABORATION', 'EDIT', 'edit collaborating organizations'),
  rule('organization', 'GLOBAL', 'CREATE', 'create a new organization'),
  rule('organization', 'GLOBAL', 'DELETE', 'delete any organization'),

  rule('task', 'GLOBAL', 'VIEW', 'view any task'),
  rule('task', 'COLLABORATION', 'VIEW', 'view tasks of your collaborations', 'NC'),
  rule('task', 'ORGANIZATION', 'VIEW', 'view tasks that your organization initiated'),
  rule('task', 'OWN', 'VIEW', 'view tasks that you initiated'),
  rule('task', 'GLOBAL', 'CREATE', 'create a new task'),
  rule(
    'task',
    'COLLABORATION',
    'CREATE',
    'create a new task for collaborations in which your organization participates with',
  ),
  rule('task', 'GLOBAL', 'DELETE', 'delete a task'),
  rule('task', 'COLLABORATION', 'DELETE', 'delete a task from your collaborations'),
  rule(
    'task',
    'ORGANIZATION',
    'DELETE',
    'delete a task from a collaboration in which your organization participates with',
  ),
  rule('task', 'OWN', 'DELETE', 'delete tasks that you created'),

  rule('run', 'GLOBAL', 'VIEW', 'view any run'),
  rule('run', 'COLLABORATION', 'VIEW', 'view runs of your organizations collaborations', 'NC'),
  rule('run', 'ORGANIZATION', 'VIEW', 'view any run of a task created by your organization'),
  rule('run', 'OWN', 'VIEW', 'view any run of a task created by you'),

  rule('user', 'GLOBAL', 'VIEW', 'View any user'),
  rule('user', 'COLLABORATION', 'VIEW', 'View users from your collaboration'),
  rule('user', 'ORGANIZATION', 'VIEW', 'View users from your organization'),
  rule('user', 'GLOBAL', 'CREATE', 'Create a new user for any organization'),
  rule(
    'user',
    'COLLABORATION',
    'CREATE',
    'Create a new user for organizations in your collaborations',
  ),
  rule('user', 'ORGANIZATION', 'CREATE', 'Create a new user for your organization'),
  rule('user', 'GLOBAL', 'EDIT', 'Edit any user'),
  rule('user', 'COLLABORATION', 'EDIT', 'Edit any user in your collaborations'),
  rule('user', 'ORGANIZATION', 'EDIT', 'Edit users from your organization'),
  rule('user', 'OWN', 'EDIT', 'Edit your own info'),
  rule('user', 'GLOBAL', 'DELETE', 'Delete any user'),
  rule('user', 'COLLABORATION', 'DELETE', 'Delete any user in your collaborations'),
  rule('user', 'ORGANIZATION', 'DELETE', 'Delete users from your organization'),
  rule('user', 'OWN', 'DELETE', 'Delete your own account'),

  rule('role', 'GLOBAL', 'VIEW', 'View any role'),
  rule('role', 'COLLABORATION', 'VIEW', 'View any role in your collaborations'),
  rule('role', 'ORGANIZATION', 'VIEW', 'View the roles of your organization'),
  rule('role', 'GLOBAL', 'CREATE', 'Create role for any organization'),
  rule(
    'role',
    'COLLABORATION',
    'CREATE',
    'Create role for any organization in your collaborations',
  ),
  rule('role', 'ORGANIZATION', 'CREATE', 'Create role for your organization'),
  rule('role', 'GLOBAL', 'EDIT', 'Edit any role'),
  rule('role', 'COLLABORATION', 'EDIT', 'Edit any role in your collaborations'),
  rule('role', 'ORGANIZATION', 'EDIT', 'Edit a role from your organization'),
  rule('role', 'GLOBAL', 'DELETE', 'Delete a role from any organization'),
  rule(
    'role',
    'COLLABORATION',
    'DELETE',
    'Delete a role from any organization in your collaborations',
  ),
  rule('role', 'ORGANIZATION', 'DELETE', 'Delete a role from your organization'),

  rule('port', 'GLOBAL', 'VIEW', 'view any port'),
  rule('port', 'ORGANIZATION', 'VIEW', 'view ports of your organizations collaborations', 'NC'),

  rule('event', 'ORGANIZATION', 'RECEIVE', 'view websocket events of your organization'),
  rule('event', 'COLLABORATION', 'RECEIVE', 'view websocket events of your collaborations'),
  rule('event', 'GLOBAL', 'RECEIVE', 'view websocket events'),
  rule('event', 'ORGANIZATION', 'SEND', 'send websocket events for your organization'),
  rule('event', 'COLLABORATION', 'SEND', 'send websocket events for your collaborations'),
  rule('event', 'GLOBAL', 'SEND', 'send websocket events to all collaborations'),

  rule('study', 'GLOBAL', 'VIEW', 'view any study'),
  rule('study', 'ORGANIZATION', 'VIEW', 'view studies that your organization is involved in', 'NC'),
  rule('study', 'COLLABORATION', 'VIEW', 'view studies within your collaborations'),
  rule('study', 'GLOBAL', 'EDIT', 'edit any study'),
  rule('study', 'COLLABORATION', 'EDIT', 'edit studies within your collaborations'),
  rule('study', 'ORGANIZATION', 'EDIT', 'edit studies that your organization is involved in'),
  rule('study', 'GLOBAL', 'CREATE', 'create a new study'),
  rule('study', 'COLLABORATION', 'CREATE', 'create a new study within your collaborations'),
  rule('study', 'GLOBAL', 'DELETE', 'delete a study'),
  rule('study', 'COLLABORATION', 'DELETE', 'delete any study within your collaborations'),
  rule('study', 'ORGANIZATION', 'DELETE', 'delete studies that your organization is involved in'),
])
