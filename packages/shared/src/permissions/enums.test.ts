import { describe, expect, it } from 'vitest'
import { Operation, permissionKey, Scope, toOperationName, toScopeName } from './enums.ts'

describe('permission enums', () => {
  it('map stored names to upstream codes', () => {
    expect(Operation).toEqual({
      VIEW: 'v',
      EDIT: 'e',
      CREATE: 'c',
      DELETE: 'd',
      SEND: 's',
      RECEIVE: 'r',
    })
    expect(Scope).toEqual({ OWN: 'own', ORGANIZATION: 'org', COLLABORATION: 'col', GLOBAL: 'glo' })
  })

  it('read codes and names alike', () => {
    expect(toOperationName('r')).toBe('RECEIVE')
    expect(toOperationName('DELETE')).toBe('DELETE')
    expect(toOperationName('view')).toBeUndefined()
    expect(toOperationName('toString')).toBeUndefined()
    expect(toScopeName('col')).toBe('COLLABORATION')
    expect(toScopeName('OWN')).toBe('OWN')
    expect(toScopeName('global')).toBeUndefined()
  })

  it('build upstream permission keys', () => {
    expect(permissionKey('VIEW', 'GLOBAL')).toBe('v_glo')
    expect(permissionKey('EDIT', 'OWN')).toBe('e_own')
  })
})
