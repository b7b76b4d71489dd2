import { HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'
import { ORGANIZATION_SCHEMA } from '../organizations/organization-schemas.ts'

export const STUDY_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    collaboration: HATEOAS_SCHEMA,
    organizations: {
      anyOf: [{ type: 'string' }, { type: 'array', items: ORGANIZATION_SCHEMA }],
    },
    tasks: { type: 'string' },
  },
  required: ['id', 'name', 'collaboration', 'organizations', 'tasks'],
} as const

export const STUDY_INPUT_PROPERTIES = {
  name: { type: 'string', maxLength: 128 },
  collaboration_id: ID,
  organization_ids: { type: 'array', items: ID, minItems: 1, uniqueItems: true },
} as const
