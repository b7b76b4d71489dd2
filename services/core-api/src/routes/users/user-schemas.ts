import { DATE_PATTERN, FLAG, HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'

const nullableTimestamp = { type: ['string', 'null'] } as const
const nullableString = { type: ['string', 'null'] } as const

export const USER_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    type: { type: 'string' },
    ip: nullableString,
    last_seen: nullableTimestamp,
    status: nullableString,
    username: nullableString,
    firstname: nullableString,
    lastname: nullableString,
    email: nullableString,
    last_email_failed_login_sent: nullableTimestamp,
    last_email_recover_password_sent: nullableTimestamp,
    organization: HATEOAS_SCHEMA,
    roles: { type: 'string' },
    rules: { type: 'string' },
    permissions: {
      type: 'object',
      properties: {
        roles: { type: 'array', items: { type: 'integer' } },
        rules: { type: 'array', items: { type: 'integer' } },
        orgs_in_collabs: { type: 'array', items: { type: 'integer' } },
      },
    },
  },
  required: ['id', 'username', 'organization', 'roles', 'rules'],
} as const

const ids = { type: ['array', 'null'], items: ID } as const

/** Body of `POST /user`; PATCH takes the same fields, all optional. */
export const USER_INPUT_PROPERTIES = {
  username: { type: 'string', minLength: 3, maxLength: 128 },
  email: { type: 'string', format: 'email' },
  password: { type: 'string' },
  firstname: { type: ['string', 'null'], maxLength: 128 },
  lastname: { type: ['string', 'null'], maxLength: 128 },
  organization_id: { type: ['integer', 'null'], minimum: 1 },
  roles: ids,
  rules: ids,
} as const

export const USER_LIST_FILTERS = {
  username: { type: 'string' },
  firstname: { type: 'string' },
  lastname: { type: 'string' },
  email: { type: 'string' },
  organization_id: ID,
  collaboration_id: ID,
  role_id: ID,
  rule_id: ID,
  last_seen_from: { type: 'string', pattern: DATE_PATTERN },
  last_seen_till: { type: 'string', pattern: DATE_PATTERN },
} as const

export const ID_PARAMS = {
  type: 'object',
  properties: { id: ID },
  required: ['id'],
} as const

export { FLAG }
