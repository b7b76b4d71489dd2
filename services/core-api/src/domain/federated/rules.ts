import { registerResourceRules } from '../permissions/index.ts'

/** The collaboration rules; algorithm-store links reuse them, as upstream does. */
export const COLLABORATION_RULES = registerResourceRules('collaboration', [
  ['GLOBAL', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['GLOBAL', 'CREATE'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
])

export const NODE_RULES = registerResourceRules('node', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['ORGANIZATION', 'EDIT'],
  ['GLOBAL', 'CREATE'],
  ['COLLABORATION', 'CREATE'],
  ['ORGANIZATION', 'CREATE'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
  ['ORGANIZATION', 'DELETE'],
])

export const TASK_RULES = registerResourceRules('task', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['OWN', 'VIEW'],
  ['GLOBAL', 'CREATE'],
  ['COLLABORATION', 'CREATE'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
  ['ORGANIZATION', 'DELETE'],
  ['OWN', 'DELETE'],
])

export const RUN_RULES = registerResourceRules('run', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['OWN', 'VIEW'],
])

export const EVENT_RULES = registerResourceRules('event', [
  ['GLOBAL', 'SEND'],
  ['COLLABORATION', 'SEND'],
  ['ORGANIZATION', 'SEND'],
])

export const STUDY_RULES = registerResourceRules('study', [
  ['GLOBAL', 'VIEW'],
  ['COLLABORATION', 'VIEW'],
  ['ORGANIZATION', 'VIEW'],
  ['GLOBAL', 'EDIT'],
  ['COLLABORATION', 'EDIT'],
  ['ORGANIZATION', 'EDIT'],
  ['GLOBAL', 'CREATE'],
  ['COLLABORATION', 'CREATE'],
  ['GLOBAL', 'DELETE'],
  ['COLLABORATION', 'DELETE'],
  ['ORGANIZATION', 'DELETE'],
])
