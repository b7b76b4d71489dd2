import { randomBytes } from 'node:crypto'
import { pino } from 'pino'

export const NATS_URL = 'nats://127.0.0.1:4222'
export const REDIS_URL = 'redis://127.0.0.1:6379'

/** A logger that writes nothing, for transports under test. */
export const silentLogger = pino({ level: 'silent' })

/** A short random token, safe in stream, subject, durable and key names. */
export function randomId(): string {
  return randomBytes(6).toString('hex')
}

/** Resolves once `check` answers true; fails with `what` after `timeoutMs`. Polls, never sleeps blind. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 20 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await pause(intervalMs)
  }
}

/**
 * Waits a fixed time. Only for proving that something does NOT happen (no redelivery after an
 * ack), where there is no event to wait for.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A promise plus its resolver, for handlers that must hang until the test lets them go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}
