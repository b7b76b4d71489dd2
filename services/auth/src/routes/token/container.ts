import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { containerSubject } from '../../domain/container-token.ts'
import { authenticate } from '../../plugins/authenticate.ts'

const Body = Type.Object(
  {
    // Upstream's validator also takes a numeric string; nodes send a number.
    task_id: Type.Union([
      Type.Integer({ minimum: 1 }),
      Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
    ]),
    image: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)

/** `POST /token/container`: a node asks a token for the algorithm it runs for one task. */
export function registerContainerToken(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/token/container',
    { schema: { body: Body, tags: ['token'], summary: 'Token for an algorithm container' } },
    async (request) => {
      const node = await authenticate(deps.guard, request, ['node'])
      await deps.limiter.account('container', String(node.id))
      const taskId = Number(request.body.task_id)
      const subject = await containerSubject(await deps.em(), node.id, taskId, request.body.image)
      return { container_token: await deps.issuer.issueContainer(subject) }
    },
  )
}
