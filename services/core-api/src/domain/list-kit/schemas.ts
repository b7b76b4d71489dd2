import { FLAG_PATTERN } from './query-string.ts'

/** Query-string properties every paginated list takes. Integers are coerced from text. */
export const PAGE_QUERY = {
  page: { type: 'integer', minimum: 1, default: 1, description: 'Page number, from 1' },
  per_page: {
    type: 'integer',
    minimum: 1,
    default: 10,
    description: 'Rows per page; no upper bound (the UI asks for 9999)',
  },
  sort: {
    type: 'string',
    description: 'Comma-separated attributes, each optionally prefixed by - (descending) or +',
  },
} as const

/** A boolean query flag: true/false, 1/0, yes/no (any case); empty means false. */
export const FLAG = { type: 'string', pattern: FLAG_PATTERN } as const

/** An id in a query string or path. */
export const ID = { type: 'integer', minimum: 1 } as const

/**
 * An id in a body where upstream's integer field also takes the digits as text, which the 4.x
 * UI sends for ids it read from its own route (`{"id": "5"}`). `idOf` gives the number.
 */
export const ID_OR_DIGITS = {
  anyOf: [ID, { type: 'string', pattern: '^[1-9][0-9]{0,14}$' }],
} as const

/** The number behind an `ID_OR_DIGITS` value. */
export function idOf(value: number | string): number {
  return typeof value === 'number' ? value : Number(value)
}

/** A link to one related item, or null. */
export const HATEOAS_SCHEMA = {
  type: ['object', 'null'],
  properties: {
    id: { type: 'integer' },
    link: { type: 'string' },
    methods: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'link', 'methods'],
} as const

/** The list envelope around `item`; links absent from a page are omitted. */
export function listSchema(item: object): object {
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: item },
      links: {
        type: 'object',
        properties: {
          first: { type: 'string' },
          previous: { type: 'string' },
          self: { type: 'string' },
          next: { type: 'string' },
          last: { type: 'string' },
        },
      },
    },
    required: ['data', 'links'],
  }
}

/** `{"msg": ...}`, the body of messages and errors. */
export const MESSAGE_SCHEMA = {
  type: 'object',
  properties: { msg: { type: 'string' } },
  required: ['msg'],
} as const

/** The error bodies a route may answer, for OpenAPI. */
export const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    msg: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  required: ['msg'],
} as const
