import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import type { ServerOptions } from 'socket.io'
import { Adapter } from 'socket.io-adapter'
import type { Logger } from '../logging/index.ts'
import { closeRedis } from './redis-close.ts'
import { logRedisErrors } from './redis-errors.ts'

/** What `io.adapter(...)` accepts. */
export type SocketAdapterConstructor = ServerOptions['adapter']

export interface SocketAdapterOptions {
  /** Redis to fan out through; without it rooms reach this process only (standalone). */
  redisUrl?: string
  /** Receives Redis connection errors; they are dropped when absent. */
  logger?: Logger
  /** Names the two Redis connections `<name>-pub` and `<name>-sub` in `CLIENT LIST`. */
  connectionName?: string
  /** Put in front of the adapter's channel names, as the key prefix is put in front of keys. */
  channelPrefix?: string
}

export interface SocketAdapter {
  adapter: SocketAdapterConstructor
  /** Closes the Redis connections, if any. Close the socket.io server first. */
  close(): Promise<void>
  /**
   * Calls `callback` each time the Redis subscriber connection is back after a loss. Broadcasts
   * sent while it was down are lost, so the gateway asks its nodes to `sync` then.
   * Never fires for the in-memory adapter.
   */
  onReconnect(callback: () => void): void
}

/**
 * Builds the Socket.IO adapter: the Redis adapter over a publisher and a subscriber connection
 * when a Redis URL is given, socket.io's own in-memory adapter otherwise.
 *
 * @example
 * const sockets = createSocketAdapter({ redisUrl: 'redis://127.0.0.1:6379', logger })
 * io.adapter(sockets.adapter)
 * sockets.onReconnect(() => io.of('/tasks').to('nodes').emit('sync'))
 */
export function createSocketAdapter(options: SocketAdapterOptions = {}): SocketAdapter {
  const { redisUrl, logger, connectionName = 'fedhub-socket', channelPrefix = '' } = options
  if (redisUrl === undefined) {
    return { adapter: Adapter, close: async () => {}, onReconnect: () => {} }
  }
  const log = logger?.child({ component: 'socket-adapter' })
  // The adapter issues commands it never awaits; with no retry limit they wait for the
  // connection instead of rejecting unhandled during an outage.
  const pub = new Redis(redisUrl, {
    connectionName: `${connectionName}-pub`,
    maxRetriesPerRequest: null,
  })
  const sub = new Redis(redisUrl, {
    connectionName: `${connectionName}-sub`,
    maxRetriesPerRequest: null,
  })
  const callbacks: Array<() => void> = []
  let wasReady = false
  for (const [role, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    logRedisErrors(client, log, role)
  }
  // The first 'ready' is the initial connect; each later one follows a reconnect (ioredis
  // subscribes the adapter's channels again on that same event).
  sub.on('ready', () => {
    if (!wasReady) {
      wasReady = true
      return
    }
    log?.info('redis subscriber reconnected')
    for (const callback of callbacks) {
      try {
        callback()
      } catch (err) {
        log?.error({ err }, 'reconnect callback failed')
      }
    }
  })
  return {
    adapter: createAdapter(pub, sub, { key: `${channelPrefix}socket.io` }),
    async close() {
      await Promise.all([closeRedis(pub), closeRedis(sub)])
    },
    onReconnect(callback) {
      callbacks.push(callback)
    },
  }
}
