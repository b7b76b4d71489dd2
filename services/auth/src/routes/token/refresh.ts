import type { FastifyInstance } from 'fastify'
import type { AuthDeps } from '../../auth-deps.ts'
import { authenticate } from '../../plugins/authenticate.ts'
import { issuePairBody, roleNamesOf } from './issue-pair.ts'

/** `POST /token/refresh`: a new pair for the identity of a refresh token. */
export function registerRefreshToken(app: FastifyInstance, deps: AuthDeps): void {
  app.post(
    '/token/refresh',
    { schema: { tags: ['token'], summary: 'Refresh a token pair' } },
    async (request) => {
      const identity = await authenticate(deps.guard, request, ['user', 'node'], 'refresh')
      await deps.limiter.account(identity.clientType, String(identity.id))
      const roles =
        identity.clientType === 'user' ? await roleNamesOf(await deps.em(), identity.id) : []
      return issuePairBody(deps, identity.clientType, identity.id, roles)
    },
  )
}
