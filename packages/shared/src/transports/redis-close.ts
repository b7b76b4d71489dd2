import { once } from 'node:events'
import type { Redis } from 'ioredis'

/**
 * Closes an ioredis client and resolves once it has really ended. QUIT lets queued commands
 * finish; a client that is not connected has nothing to finish and is just disconnected.
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return
  const ended = once(client, 'end')
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect())
  else client.disconnect()
  await ended
}
