const text = { type: ['string', 'null'], maxLength: 128 } as const

export const ORGANIZATION_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    domain: { type: ['string', 'null'] },
    address1: { type: ['string', 'null'] },
    address2: { type: ['string', 'null'] },
    zipcode: { type: ['string', 'null'] },
    country: { type: ['string', 'null'] },
    public_key: { type: 'string' },
    collaborations: { type: 'string' },
    nodes: { type: 'string' },
    users: { type: 'string' },
    tasks: { type: 'string' },
    runs: { type: 'string' },
    studies: { type: 'string' },
  },
  required: ['id', 'name', 'public_key'],
} as const

export const ORGANIZATION_INPUT_PROPERTIES = {
  name: { type: 'string', maxLength: 128 },
  domain: text,
  address1: text,
  address2: text,
  zipcode: text,
  country: text,
  public_key: { type: ['string', 'null'] },
} as const
