import { randomUUID } from 'node:crypto'
import { RPC } from '@fedhub/shared/events'
import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import { createTokenVerifier, type TokenVerifier } from '@fedhub/shared/tokens'
import { createSocketAdapter, type Subscription } from '@fedhub/shared/transports'
import { type Namespace, Server } from 'socket.io'
import { deliverSocketEvents } from './event-delivery.ts'
import { createMemoryPresence } from './presence/memory-presence.ts'
import { createPresenceTracker } from './presence/presence-tracker.ts'
import { createRedisPresence } from './presence/redis-presence.ts'
import { sessionOf } from './session.ts'
import { gatewaySettings } from './settings.ts'
import { attachTasksNamespace, TASKS_NAMESPACE } from './tasks-namespace.ts'

/** How long shutdown waits for connect and disconnect handlers still at work. */
const STOP_SETTLE_MS = 5_000

/** Engine.IO path; vantage6 clients connect at `/socket.io/` on the host root. */
export const SOCKET_PATH = '/socket.io'

/**
 * socket-gateway: Socket.IO on the host root, stateless. Identities and rooms come from
 * core-api at connect, events from the bus, fan-out through the Redis adapter, presence from
 * heartbeats kept in Redis.
 */
export async function createSocketGateway(context: ServiceContext): Promise<ServiceModule> {
  const { config, bus, kv } = context
  const log = context.logger.child({ component: 'socket-gateway' })
  const settings = gatewaySettings(config)
  const prefix = config.raw.fedhub.redis_key_prefix
  const socketAdapter = createSocketAdapter({
    redisUrl: config.redisUrl,
    logger: context.logger,
    channelPrefix: prefix,
  })
  const store =
    config.redisUrl === undefined
      ? createMemoryPresence()
      : createRedisPresence({ url: config.redisUrl, keyPrefix: prefix, logger: context.logger })
  let io: Server | undefined
  let namespace: Namespace | undefined
  let verifier: TokenVerifier | undefined
  let draining = false
  let handlers: ReturnType<typeof attachTasksNamespace> | undefined
  const subscriptions: Subscription[] = []
  let stopSweeper = () => {}
  const presence = createPresenceTracker({
    store,
    bus,
    kv,
    namespace: () => namespace,
    ttlMs: settings.presenceTtlMs,
    sweepIntervalMs: settings.sweepIntervalMs,
    replicaId: randomUUID(),
    log,
  })

  const localSockets = () => [...(namespace?.sockets.values() ?? [])]

  return {
    name: 'socket-gateway',
    async registerRoutes(app) {
      io = new Server(app.server, {
        path: SOCKET_PATH,
        adapter: socketAdapter.adapter,
        pingInterval: settings.pingIntervalMs,
        pingTimeout: settings.pingTimeoutMs,
        maxHttpBufferSize: settings.maxMessageBytes,
        cors: {
          origin: config.corsAllowedOrigins.includes('*') ? true : [...config.corsAllowedOrigins],
          credentials: true,
        },
      })
      namespace = io.of(TASKS_NAMESPACE)
      handlers = attachTasksNamespace(namespace, {
        verifier: () => {
          // Standalone hands the public keys over after the services are built.
          if (context.publicKeys === undefined) throw new Error('no public keys to verify with')
          verifier ??= createTokenVerifier(context.publicKeys)
          return verifier
        },
        bus,
        presence,
        settings,
        log,
        draining: () => draining,
      })
      // Broadcasts sent while the adapter was cut off from Redis are lost: nodes catch up.
      socketAdapter.onReconnect(() => {
        for (const socket of localSockets()) {
          if (sessionOf(socket)?.identity.type === 'node') socket.emit('sync')
        }
      })
    },
    async start() {
      if (namespace === undefined) throw new Error('socket-gateway started before its routes')
      subscriptions.push(await deliverSocketEvents(bus, namespace, log))
      subscriptions.push(
        bus.listen(RPC.tokenVersionBumped, (data) => {
          const { id, version } = data as { id: number; version: number }
          for (const socket of localSockets()) {
            const session = sessionOf(socket)
            if (session?.identity.id === id && session.tokenVersion < version) {
              log.info({ id, socket: socket.id }, 'token version bumped; socket disconnected')
              socket.disconnect(true)
            }
          }
        }),
      )
      stopSweeper = presence.startSweeper()
    },
    async stop() {
      // Presence entries stay: these sockets reconnect to another replica, and entries of the
      // ones that do not expire and are swept.
      draining = true
      stopSweeper()
      for (const subscription of subscriptions) await subscription.stop()
      // Closing the engine ends every transport without a namespace disconnect packet, so
      // clients treat it as a lost connection and reconnect (to another replica).
      io?.engine.close()
      await handlers?.settled(STOP_SETTLE_MS)
      await socketAdapter.close()
      await store.close()
    },
  }
}
