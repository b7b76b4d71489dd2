import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import { createSocketAdapter } from '@fedhub/shared/transports'
import { Server } from 'socket.io'

/** Engine.IO path; vantage6 clients connect at `/socket.io/` on the host root. */
export const SOCKET_PATH = '/socket.io'

/**
 * socket-gateway: Socket.IO on the host root, fanned out across replicas through the adapter.
 * Namespaces, rooms and events arrive with the gateway issue.
 */
export async function createSocketGateway(context: ServiceContext): Promise<ServiceModule> {
  const socketAdapter = createSocketAdapter({
    redisUrl: context.config.redisUrl,
    logger: context.logger,
  })
  let io: Server | undefined
  return {
    name: 'socket-gateway',
    async registerRoutes(app) {
      io = new Server(app.server, {
        path: SOCKET_PATH,
        adapter: socketAdapter.adapter,
        cors: {
          origin: context.config.corsAllowedOrigins.includes('*')
            ? true
            : [...context.config.corsAllowedOrigins],
        },
      })
    },
    async stop() {
      // Closing the engine ends every transport without a namespace disconnect packet, so
      // clients treat it as a lost connection and reconnect (to another replica).
      io?.engine.close()
      await socketAdapter.close()
    },
  }
}
