import { describe, expect, it } from 'vitest'
import { minutesRemaining } from './lockout.ts'

describe('minutesRemaining', () => {
  const policy = { maxFailedAttempts: 5, inactivationMinutes: 15 }
  const now = new Date('2026-01-01T12:00:00Z')

  it('counts a started minute as a whole one', () => {
    expect(minutesRemaining(policy, new Date('2026-01-01T11:59:30Z'), now)).toBe(15)
    expect(minutesRemaining(policy, new Date('2026-01-01T11:50:00Z'), now)).toBe(6)
  })

  it('is 0 once the lock is over and never above the lock time', () => {
    expect(minutesRemaining(policy, new Date('2026-01-01T11:40:00Z'), now)).toBe(0)
    expect(minutesRemaining(policy, new Date('2026-01-01T12:00:00.050Z'), now)).toBe(15)
  })
})
