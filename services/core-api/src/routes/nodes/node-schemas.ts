import { HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'

const nullableString = { type: ['string', 'null'] } as const

export const NODE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    type: { type: 'string' },
    name: nullableString,
    ip: nullableString,
    status: nullableString,
    last_seen: nullableString,
    organization: HATEOAS_SCHEMA,
    collaboration: HATEOAS_SCHEMA,
    config: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: nullableString, value: nullableString },
      },
    },
    api_key: { type: 'string', description: 'Only in the answer to POST /node' },
  },
  required: ['id', 'type', 'name', 'organization', 'collaboration', 'config'],
} as const

export const SIMPLE_NODE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: nullableString,
    ip: nullableString,
    status: nullableString,
    last_seen: nullableString,
    organization: HATEOAS_SCHEMA,
  },
} as const

export const NODE_INPUT_PROPERTIES = {
  collaboration_id: ID,
  organization_id: ID,
  name: { type: 'string', maxLength: 128 },
  ip: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
  clear_ip: { type: 'boolean' },
} as const
