import { registerResourceRules } from '../permissions/index.ts'

/** The user rules the account endpoints check. */
export const USER_RULES = registerResourceRules('user', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'CREATE'],
  ['COLLABORATION', 'CREATE'],
  ['ORGANIZATION', 'CREATE'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['ORGANIZATION', 'EDIT'],
  ['OWN', 'EDIT'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
  ['ORGANIZATION', 'DELETE'],
  ['OWN', 'DELETE'],
])

/** The organization rules. */
export const ORGANIZATION_RULES = registerResourceRules('organization', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['ORGANIZATION', 'EDIT'],
  ['GLOBAL', 'CREATE'],
  ['GLOBAL', 'DELETE'],
])

/** The role rules. */
export const ROLE_RULES = registerResourceRules('role', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'CREATE'],
  ['COLLABORATION', 'CREATE'],
  ['ORGANIZATION', 'CREATE'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['ORGANIZATION', 'EDIT'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
  ['ORGANIZATION', 'DELETE'],
])
