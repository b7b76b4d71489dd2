/**
 * What a rule allows. Keys are the names upstream stores in the `rule.operation` column (a
 * PostgreSQL enum of the names); values are the one-letter codes used in permission keys and in
 * the `operation=` filter of `GET /api/rule`.
 *
 * @example
 * Operation.VIEW // 'v'
 */
export const Operation = Object.freeze({
  VIEW: 'v',
  EDIT: 'e',
  CREATE: 'c',
  DELETE: 'd',
  SEND: 's',
  RECEIVE: 'r',
} as const)

/** A stored operation name: `'VIEW'`, `'EDIT'`, … */
export type OperationName = keyof typeof Operation
/** A one-letter operation code: `'v'`, `'e'`, … */
export type OperationCode = (typeof Operation)[OperationName]

/**
 * How far a rule reaches. Keys are the names upstream stores in `rule.scope`; values are the codes
 * used in permission keys and in the `scope=` filter of `GET /api/rule`.
 *
 * @example
 * Scope.ORGANIZATION // 'org'
 */
export const Scope = Object.freeze({
  OWN: 'own',
  ORGANIZATION: 'org',
  COLLABORATION: 'col',
  GLOBAL: 'glo',
} as const)

/** A stored scope name: `'OWN'`, `'ORGANIZATION'`, … */
export type ScopeName = keyof typeof Scope
/** A scope code: `'own'`, `'org'`, `'col'`, `'glo'`. */
export type ScopeCode = (typeof Scope)[ScopeName]

/** Operation names in the order of the PostgreSQL enum type `operation`. */
export const OPERATION_NAMES: readonly OperationName[] = Object.freeze([
  'VIEW',
  'EDIT',
  'CREATE',
  'DELETE',
  'SEND',
  'RECEIVE',
])

/** Scope names in the order of the PostgreSQL enum type `scope`. */
export const SCOPE_NAMES: readonly ScopeName[] = Object.freeze([
  'OWN',
  'ORGANIZATION',
  'COLLABORATION',
  'GLOBAL',
])

const OPERATION_BY_CODE = new Map<string, OperationName>(
  OPERATION_NAMES.map((name) => [Operation[name], name]),
)
const SCOPE_BY_CODE = new Map<string, ScopeName>(SCOPE_NAMES.map((name) => [Scope[name], name]))

/**
 * The stored name of an operation given as a code (`'v'`) or a name (`'VIEW'`), or `undefined`.
 * Upstream's rule filter takes codes while the database holds names, so both spellings arrive.
 *
 * @example
 * toOperationName('v')    // 'VIEW'
 * toOperationName('VIEW') // 'VIEW'
 * toOperationName('x')    // undefined
 */
export function toOperationName(value: string): OperationName | undefined {
  if (Object.hasOwn(Operation, value)) return value as OperationName
  return OPERATION_BY_CODE.get(value)
}

/**
 * The stored name of a scope given as a code (`'org'`) or a name (`'ORGANIZATION'`), or
 * `undefined`.
 *
 * @example
 * toScopeName('glo') // 'GLOBAL'
 */
export function toScopeName(value: string): ScopeName | undefined {
  if (Object.hasOwn(Scope, value)) return value as ScopeName
  return SCOPE_BY_CODE.get(value)
}

/**
 * Upstream's in-memory permission key, `<operation code>_<scope code>`, as used in its permission
 * collections and log lines.
 *
 * @example
 * permissionKey('VIEW', 'GLOBAL') // 'v_glo'
 */
export function permissionKey(operation: OperationName, scope: ScopeName): string {
  return `${Operation[operation]}_${Scope[scope]}`
}
