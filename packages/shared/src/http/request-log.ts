import type { FastifyInstance } from 'fastify'
import { PROBE_PATHS } from './health.ts'

/**
 * One line per request at info, 4xx included with its message; 5xx lines are at error. The
 * error handler has already logged 5xx details, so this line stays short. Answered probes are
 * at debug: an orchestrator asks every few seconds, and the lines would bury everything else.
 */
export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const fields = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      url: request.url.split('?')[0],
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.identityId === undefined ? {} : { identityId: request.identityId }),
      ...(request.errorCode === undefined ? {} : { code: request.errorCode }),
      ...(request.errorMessage === undefined ? {} : { error: request.errorMessage }),
    }
    if (reply.statusCode >= 500) request.log.error(fields, 'request completed')
    else if (PROBE_PATHS.has(fields.route)) request.log.debug(fields, 'request completed')
    else request.log.info(fields, 'request completed')
  })
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user or node id, once auth has resolved it. */
    identityId?: number
  }
}
