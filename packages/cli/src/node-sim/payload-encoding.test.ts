import { describe, expect, it } from 'vitest'
import { databaseDetails } from './csv-database.ts'
import { decodePayload, encodePayload, parseAlgorithmInput } from './payload-encoding.ts'
import { nodeTimestamp } from './run-types.ts'

describe('what a node sends and reads', () => {
  it('encodes inputs and results as base64 of their JSON', () => {
    const encoded = encodePayload({ method: 'partial', kwargs: { column: 'age' } })
    expect(Buffer.from(encoded, 'base64').toString()).toBe(
      '{"method":"partial","kwargs":{"column":"age"}}',
    )
    expect(decodePayload(encoded)).toEqual({ method: 'partial', kwargs: { column: 'age' } })
  })

  it('reads the algorithm wrapper input, with args and kwargs optional', () => {
    expect(parseAlgorithmInput({ method: 'central' })).toEqual({
      method: 'central',
      args: [],
      kwargs: {},
    })
    expect(parseAlgorithmInput({ kwargs: {} })).toBe("the input has no 'method'")
    expect(parseAlgorithmInput({ method: 'x', kwargs: [] })).toBe("'kwargs' must be an object")
  })

  it('writes timestamps in the one form upstream servers parse', () => {
    expect(nodeTimestamp(new Date('2025-01-02T03:04:05.678Z'))).toBe(
      '2025-01-02T03:04:05.678000+00:00',
    )
  })

  it('shares database labels, types and CSV columns as the official node does', () => {
    expect(databaseDetails([{ label: 'default', columns: ['a', 'b'], rows: [] }])).toEqual({
      database_labels: ['default'],
      database_types: { db_type_default: 'csv' },
      database_columns: { columns_default: ['a', 'b'] },
    })
    expect(databaseDetails([])).toEqual({ database_labels: [], database_types: {} })
  })
})
