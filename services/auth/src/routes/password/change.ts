import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { authenticate } from '../../plugins/authenticate.ts'

const Body = Type.Object(
  {
    current_password: Type.String({ maxLength: 128 }),
    new_password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
)

/** `PATCH /password/change`: a user changes their own password; older tokens stop working. */
export function registerPasswordChange(app: FastifyInstance, deps: AuthDeps): void {
  app.patch<{ Body: Static<typeof Body> }>(
    '/password/change',
    { schema: { body: Body, tags: ['password'], summary: 'Change your own password' } },
    async (request) => {
      const user = await authenticate(deps.guard, request, ['user'])
      await deps.limiter.account('password', String(user.id))
      const { current_password: current, new_password: next } = request.body
      await deps.changePassword(await deps.em(), user.id, current, next, request.clientIp)
      return { msg: 'The password has been changed successfully!' }
    },
  )
}
