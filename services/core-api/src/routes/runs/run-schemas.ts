import { RUN_STATUSES } from '@fedhub/shared/entities'
import { DATE_PATTERN, HATEOAS_SCHEMA, ID } from '../../domain/list-kit/index.ts'
import { ISO_TIMESTAMP } from '../../domain/runs/timestamps.ts'

const nullableString = { type: ['string', 'null'] } as const

export const RUN_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    input: nullableString,
    status: nullableString,
    log: nullableString,
    assigned_at: nullableString,
    started_at: nullableString,
    finished_at: nullableString,
    cleanup_at: nullableString,
    blob_storage_used: { type: 'boolean' },
    organization: HATEOAS_SCHEMA,
    task: { description: 'Link to the task, or the task with include=task' },
    results: HATEOAS_SCHEMA,
    node: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: nullableString,
        ip: nullableString,
        status: nullableString,
      },
    },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          port: { type: ['integer', 'null'] },
          label: nullableString,
        },
      },
    },
  },
  required: ['id', 'input', 'status', 'blob_storage_used', 'task', 'node', 'ports'],
} as const

export const RESULT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    result: nullableString,
    cleanup_at: nullableString,
    blob_storage_used: { type: 'boolean' },
    task: HATEOAS_SCHEMA,
    run: HATEOAS_SCHEMA,
  },
  required: ['id', 'result', 'blob_storage_used'],
} as const

const date = { type: 'string', pattern: DATE_PATTERN } as const

export const RUN_FILTERS = {
  task_id: ID,
  organization_id: ID,
  collaboration_id: ID,
  node_id: ID,
  state: { type: 'string', description: '`open`: runs without a finish time' },
  port: { type: 'integer', minimum: 1, maximum: 65535 },
  assigned_from: date,
  assigned_till: date,
  started_from: date,
  started_till: date,
  finished_from: date,
  finished_till: date,
} as const

const timestamp = { type: 'string', pattern: ISO_TIMESTAMP } as const

export const RUN_PATCH = {
  type: 'object',
  properties: {
    started_at: timestamp,
    finished_at: timestamp,
    log: { type: 'string' },
    result: { type: 'string' },
    status: { type: 'string', enum: [...RUN_STATUSES] },
  },
  additionalProperties: false,
} as const
