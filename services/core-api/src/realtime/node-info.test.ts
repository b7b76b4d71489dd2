import { describe, expect, it } from 'vitest'
import { flattenNodeInfo } from './node-info.ts'

describe('flattenNodeInfo', () => {
  it('stores a node’s shared configuration as upstream’s key/value rows', () => {
    const rows = flattenNodeInfo({
      encryption: false,
      allowed_algorithms: 'all',
      allowed_orgs: [2, 'Org B'],
      database_labels: ['default', 'extra'],
      database_types: { db_type_default: 'csv', db_type_extra: 'parquet' },
      database_columns: { columns_default: ['a', 'b'] },
    })
    expect(rows).toEqual([
      ['encryption', 'false'],
      ['allowed_algorithms', 'all'],
      ['allowed_orgs', '2'],
      ['allowed_orgs', 'Org B'],
      ['database_labels', 'default'],
      ['database_labels', 'extra'],
      ['db_type_default', 'csv'],
      ['db_type_extra', 'parquet'],
      ['columns_default', 'a'],
      ['columns_default', 'b'],
    ])
  })
})
