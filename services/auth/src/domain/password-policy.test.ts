import { describe, expect, it } from 'vitest'
import { passwordProblem } from './password-policy.ts'

describe('passwordProblem', () => {
  it('reports the first failing rule in upstream order', () => {
    expect(passwordProblem('Ab1!')).toMatch(/^Password too short/)
    expect(passwordProblem(`Ab1!${'x'.repeat(125)}`)).toBe(
      'Password too long: use at most 128 characters',
    )
    expect(passwordProblem('Abcdefg!')).toBe('Password should contain at least one number')
    expect(passwordProblem('abcdef1!')).toBe(
      'Password should contain at least one uppercase letter',
    )
    expect(passwordProblem('ABCDEF1!')).toBe(
      'Password should contain at least one lowercase letter',
    )
    expect(passwordProblem('Abcdef12')).toBe(
      'Password should contain at least one special character',
    )
  })

  it('counts a space as special and accepts a good password', () => {
    expect(passwordProblem('Abcdef 12')).toBeUndefined()
    expect(passwordProblem('Valid-Pass-1')).toBeUndefined()
  })
})
