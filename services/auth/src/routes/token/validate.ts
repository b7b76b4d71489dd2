import { User } from '@fedhub/shared/entities'
import type { FastifyInstance } from 'fastify'
import type { AuthDeps } from '../../auth-deps.ts'
import { authErrors } from '../../domain/auth-errors.ts'
import { authenticate } from '../../plugins/authenticate.ts'

/** `POST /token/user/validate`: an algorithm store checks a user's token. */
export function registerValidateToken(app: FastifyInstance, deps: AuthDeps): void {
  app.post(
    '/token/user/validate',
    { schema: { tags: ['token'], summary: "Validate a user's token" } },
    async (request) => {
      const identity = await authenticate(deps.guard, request, ['user'])
      const em = await deps.em()
      const user = await em.findOne(User, { id: identity.id })
      if (user === null) throw authErrors.identityMissing(identity.id)
      return {
        msg: 'Token is valid',
        user_id: user.id,
        username: user.username ?? null,
        email: user.email ?? null,
        organization_id: user.organization?.id ?? null,
      }
    },
  )
}
