import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'

const Body = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
)

/**
 * `POST /recover/2fa/lost`: after a password check, queues a mail with a token to reset the
 * second factor. Delivery is the mailer's business (standalone writes files without SMTP), so
 * there is no "no mail server" refusal here.
 */
export function registerTwoFactorLost(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/recover/2fa/lost',
    { schema: { body: Body, tags: ['recover'], summary: 'Request a 2FA-reset mail' } },
    async (request) => {
      const { username, password } = request.body
      await deps.limiter.account('user', username)
      const em = await deps.em()
      const user = await deps.login(em, username, password, request.clientIp)
      request.identityId = user.id
      await deps.recovery.requestTwoFactorReset(em, user)
      return { msg: 'You should have received an email that will allow you to reset your 2FA.' }
    },
  )
}
