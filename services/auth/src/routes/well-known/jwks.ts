import type { FastifyInstance } from 'fastify'
import type { AuthDeps } from '../../auth-deps.ts'

/** `GET /.well-known/jwks.json`: the public keys, for verifiers outside fedhub. */
export function registerJwks(app: FastifyInstance, deps: AuthDeps): void {
  app.get('/.well-known/jwks.json', { schema: { tags: ['token'] } }, async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=300')
    return deps.publicKeys
  })
}
