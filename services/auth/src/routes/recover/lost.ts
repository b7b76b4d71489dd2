import { errors } from '@fedhub/shared/errors'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'

const Body = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 256 })),
    username: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
)

const ANSWER = 'If the username or email is in our database you will soon receive an email.'

/**
 * `POST /recover/lost`: queues a password-reset mail. The answer is the same whether or not the
 * account exists, and the lookup runs after the answer so its timing tells nothing either.
 */
export function registerRecoverLost(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/recover/lost',
    { schema: { body: Body, tags: ['recover'], summary: 'Request a password-reset mail' } },
    async (request) => {
      const { username, email } = request.body
      if (username === undefined && email === undefined) {
        throw errors.invalidBody({ _schema: ['Email or username is required'] })
      }
      await deps.limiter.account('recover', username ?? email ?? '')
      deps.background.run('password reset mail', async () =>
        deps.recovery.requestPasswordReset(await deps.em(), { username, email }),
      )
      return { msg: ANSWER }
    },
  )
}
