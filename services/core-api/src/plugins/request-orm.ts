import type { FedhubEntityManager, FedhubOrm } from '@fedhub/shared/data'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export interface RequestOrmOptions {
  openOrm(): Promise<FedhubOrm>
}

/**
 * Gives every request its own EntityManager fork as `request.em`. Passed explicitly rather than
 * through async-local storage: entering a context inside a fastify hook does not reliably reach
 * the handler.
 */
export const requestOrm = fp(
  async (app: FastifyInstance, options: RequestOrmOptions) => {
    // A placeholder keeps every request object the same shape; the hook sets the real fork.
    app.decorateRequest('em', null as never)
    app.addHook('onRequest', async (request) => {
      request.em = (await options.openOrm()).em.fork()
    })
  },
  { name: 'request-orm' },
)

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's own EntityManager. */
    em: FedhubEntityManager
  }
}
