import { describe, expect, it } from 'vitest'
import { backOffDelay } from './back-off.ts'

describe('backOffDelay', () => {
  const backOff = { baseMs: 1_000, capMs: 60_000 }

  it('doubles with each delivery, between half and all of the step', () => {
    for (const [deliveryCount, step] of [
      [1, 1_000],
      [2, 2_000],
      [4, 8_000],
    ] as const) {
      const delay = backOffDelay(deliveryCount, backOff)
      expect(delay).toBeGreaterThanOrEqual(step / 2)
      expect(delay).toBeLessThanOrEqual(step)
    }
  })

  it('never waits longer than the cap, however long the outage', () => {
    expect(backOffDelay(10_000, backOff)).toBeLessThanOrEqual(60_000)
    expect(backOffDelay(10_000, backOff)).toBeGreaterThanOrEqual(30_000)
  })
})
