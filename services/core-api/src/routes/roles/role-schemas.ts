import { HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'

export const ROLE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    description: { type: ['string', 'null'] },
    is_default_role: { type: 'boolean' },
    organization: HATEOAS_SCHEMA,
    rules: { type: 'string' },
    users: { type: 'string' },
  },
  required: ['id', 'name', 'is_default_role', 'organization', 'rules', 'users'],
} as const

export const RULE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    operation: { type: ['string', 'null'] },
    scope: { type: ['string', 'null'] },
    description: { type: ['string', 'null'] },
    users: { type: 'string' },
  },
  required: ['id', 'name', 'operation', 'scope', 'users'],
} as const

export const ROLE_INPUT_PROPERTIES = {
  name: { type: 'string' },
  description: { type: ['string', 'null'], maxLength: 1024 },
  rules: { type: 'array', items: ID },
  organization_id: { type: ['integer', 'null'], minimum: 1 },
} as const

/**
 * Body of `PATCH /role/<id>`: every field may be null, meaning "leave as is". The Python client's
 * `role.update()` sends `name`, `description` and `rules` as null when not given (it drops the
 * result of its own null-cleaning), which upstream refuses.
 */
export const ROLE_UPDATE_PROPERTIES = {
  ...ROLE_INPUT_PROPERTIES,
  name: { type: ['string', 'null'] },
  rules: { type: ['array', 'null'], items: ID },
} as const

export const ROLE_RULE_PARAMS = {
  type: 'object',
  properties: { id: ID, rule_id: ID },
  required: ['id', 'rule_id'],
} as const
