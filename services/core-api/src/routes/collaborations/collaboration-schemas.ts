import { ID } from '../../domain/list-kit/index.ts'
import { ORGANIZATION_SCHEMA } from '../organizations/organization-schemas.ts'

export const COLLABORATION_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    encrypted: { type: 'boolean' },
    organizations: {
      anyOf: [{ type: 'string' }, { type: 'array', items: ORGANIZATION_SCHEMA }],
    },
    nodes: { type: 'string' },
    tasks: { type: 'string' },
    algorithm_stores: { type: 'string' },
    studies: { type: 'string' },
  },
  required: ['id', 'name', 'encrypted', 'organizations'],
} as const

export const COLLABORATION_INPUT_PROPERTIES = {
  name: { type: 'string', maxLength: 128 },
  // Upstream's boolean field takes 1 and 0 as well.
  encrypted: { type: ['boolean', 'integer'], enum: [true, false, 1, 0] },
  organization_ids: { type: 'array', items: ID, minItems: 1, uniqueItems: true },
} as const

/** `{id}` of the organization or node added to or removed from a collaboration. */
export const MEMBER_BODY = {
  type: 'object',
  properties: { id: ID },
  required: ['id'],
  additionalProperties: false,
} as const

export const INCLUDE_QUERY = {
  include: {
    // A list type, so repeated `include` parameters are all kept.
    type: ['string', 'array'],
    items: { type: 'string' },
    description: '`organizations` nests the member organizations',
  },
} as const
