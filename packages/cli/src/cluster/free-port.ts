import { randomInt } from 'node:crypto'
import { createServer } from 'node:net'

// Below the ephemeral ranges (Linux from 32768, BSD and macOS from 49152): a port the kernel may
// hand to an outgoing connection between this check and the replica's bind would make the
// replica fail with EADDRINUSE, and the replicas open many connections while others start.
const LOWEST = 20_000
const HIGHEST = 32_767
const ATTEMPTS = 50

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/**
 * A TCP port on loopback that nothing listens on right now and that `taken` does not hold,
 * chosen at random outside the ephemeral range. Another program may still bind it before the
 * caller does; only a port picked on purpose can, which is rare enough to accept.
 */
export async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = randomInt(LOWEST, HIGHEST + 1)
    if (!taken.has(port) && (await canListen(port))) return port
  }
  throw new Error(`no free loopback port between ${LOWEST} and ${HIGHEST} after ${ATTEMPTS} tries`)
}
