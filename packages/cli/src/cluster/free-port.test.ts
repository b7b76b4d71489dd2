import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePort } from './free-port.ts'

describe('freePort', () => {
  it('picks distinct bindable ports below the ephemeral range, skipping those already taken', async () => {
    const taken = new Set<number>()
    for (let round = 0; round < 20; round++) {
      const port = await freePort(taken)
      expect(port).toBeGreaterThanOrEqual(20_000)
      expect(port).toBeLessThan(32_768)
      expect(taken.has(port)).toBe(false)
      taken.add(port)
    }
    const port = await freePort(taken)
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', resolve)
    })
    await new Promise((resolve) => server.close(resolve))
  })

  it('gives up with a sentence when every port of its range is taken', async () => {
    const all = new Set(Array.from({ length: 32_768 - 20_000 }, (_, index) => 20_000 + index))
    await expect(freePort(all)).rejects.toThrow(/no free loopback port between 20000 and 32767/)
  })
})
