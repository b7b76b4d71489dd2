import { HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'

const nullableString = { type: ['string', 'null'] } as const

export const TASK_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: nullableString,
    description: nullableString,
    image: nullableString,
    job_id: { type: ['integer', 'null'] },
    created_at: nullableString,
    status: { type: 'string' },
    finished_at: nullableString,
    collaboration: HATEOAS_SCHEMA,
    study: HATEOAS_SCHEMA,
    parent: HATEOAS_SCHEMA,
    init_org: HATEOAS_SCHEMA,
    init_user: HATEOAS_SCHEMA,
    algorithm_store: HATEOAS_SCHEMA,
    runs: { description: 'Link to the runs, or the runs with include=runs' },
    results: { description: 'Link to the results, or the results with include=results' },
    children: { type: 'string' },
    databases: {
      type: 'array',
      items: {
        type: 'object',
        properties: { label: nullableString, parameters: nullableString },
      },
    },
  },
  required: ['id', 'status', 'job_id', 'databases'],
} as const

const DATABASE = {
  type: 'object',
  properties: {
    label: { type: 'string' },
    arguments: { type: 'object' },
    preprocessing: {
      type: 'array',
      items: { type: 'object', properties: { function: {} }, required: ['function'] },
    },
    query: { type: 'string' },
    sheet_name: { type: 'string' },
  },
  required: ['label'],
  additionalProperties: false,
} as const

export const TASK_INPUT = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 128 },
    description: { type: 'string', maxLength: 1024 },
    image: { type: 'string', minLength: 1 },
    collaboration_id: ID,
    study_id: ID,
    store_id: ID,
    server_url: { type: 'string', format: 'uri' },
    organizations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { id: ID, input: { type: 'string' } },
        required: ['id', 'input'],
        additionalProperties: false,
      },
    },
    databases: { type: ['array', 'null'], items: DATABASE },
  },
  required: ['image', 'organizations'],
  anyOf: [{ required: ['collaboration_id'] }, { required: ['study_id'] }],
  additionalProperties: false,
} as const

export const TASK_INCLUDE = {
  // A list type, so repeated `include` parameters are all kept.
  type: ['string', 'array'],
  items: { type: 'string' },
  description: '`runs` and/or `results` nest them in each task',
} as const
