import fp from 'fastify-plugin'
import { clientAddress, type ProxyTrust } from '../domain/client-address.ts'
import type { RateLimiter } from '../domain/rate-limiter.ts'

/**
 * Finds each request's client address (past our trusted proxies) and counts it against the
 * per-address limit before any handler runs, so a flood is refused before it costs bcrypt.
 */
export const clientAddressPlugin = fp<{ trust: ProxyTrust; limiter: RateLimiter }>(
  async (app, options) => {
    app.decorateRequest('clientIp', '')
    app.addHook('onRequest', async (request) => {
      request.clientIp = clientAddress(
        request.socket.remoteAddress ?? request.ip,
        request.headers['x-forwarded-for'],
        options.trust,
      )
      await options.limiter.address(request.clientIp)
    })
  },
  { name: 'auth-client-address' },
)

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address as auth counts it and mails it. */
    clientIp: string
  }
}
