import { describe, expect, it } from 'vitest'
import { createBcryptQueue } from './bcrypt-queue.ts'

describe('bcrypt queue', () => {
  it('runs at most `concurrency` calls and refuses past `maxWaiting`', async () => {
    let peak = 0
    const queue = createBcryptQueue({
      concurrency: 2,
      maxWaiting: 3,
      onCall: () => {
        peak = Math.max(peak, queue.load().running)
      },
    })
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, () => queue.hash('secret', 4)),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(2)
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ status: 429 })
    expect(peak).toBeLessThanOrEqual(2)
    expect(queue.load()).toEqual({ running: 0, waiting: 0 })
  })
})
