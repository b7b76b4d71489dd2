import type { Redis } from 'ioredis'
import type { Logger } from '../logging/index.ts'

/**
 * Logs a Redis connection's errors without flooding: the first error of an outage at warn, the
 * retries that follow at debug, and the recovery at info. Without a listener ioredis would print
 * every error on the console.
 */
export function logRedisErrors(client: Redis, log: Logger | undefined, role: string): void {
  let failing = false
  client.on('error', (err: Error) => {
    if (failing) log?.debug({ err, role }, 'redis still unreachable')
    else log?.warn({ err, role }, 'redis connection error; retrying')
    failing = true
  })
  client.on('ready', () => {
    if (failing) log?.info({ role }, 'redis connection restored')
    failing = false
  })
}
