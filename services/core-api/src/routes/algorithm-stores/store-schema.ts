/** An algorithm-store link on the wire. */
export const STORE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    url: { type: ['string', 'null'] },
    collaborations: { type: ['string', 'null'] },
  },
  required: ['id', 'name', 'url', 'collaborations'],
} as const
