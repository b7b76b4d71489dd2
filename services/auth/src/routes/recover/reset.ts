import { errors } from '@fedhub/shared/errors'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { passwordProblem } from '../../domain/password-policy.ts'

const Body = Type.Object(
  {
    reset_token: Type.String({ minLength: 1, maxLength: 1024 }),
    password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
)

/** `POST /recover/reset`: sets a new password with a mailed, single-use token. */
export function registerRecoverReset(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/recover/reset',
    { schema: { body: Body, tags: ['recover'], summary: 'Reset a password with a mailed token' } },
    async (request) => {
      const problem = passwordProblem(request.body.password)
      if (problem !== undefined) throw errors.invalidBody({ password: [problem] })
      await deps.recovery.resetPassword(
        await deps.em(),
        request.body.reset_token,
        request.body.password,
      )
      return { msg: 'The password has successfully been reset!' }
    },
  )
}
