import { errors } from '@fedhub/shared/errors'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { apiKeyDigest, uuidHex } from '../../domain/api-key.ts'
import { findNodeByApiKey } from '../../domain/node-login.ts'
import { issuePairBody } from './issue-pair.ts'

const Body = Type.Object(
  { api_key: Type.String({ maxLength: 256 }) },
  { additionalProperties: false },
)

/** `POST /token/node`: a node logs in with its API key. */
export function registerNodeToken(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/token/node',
    { schema: { body: Body, tags: ['token'], summary: 'Log in a node' } },
    async (request, reply) => {
      const apiKey = request.body.api_key
      // Upstream's own wording, which a JSON schema cannot produce.
      if (uuidHex(apiKey) === undefined) {
        throw errors.invalidBody({ api_key: ['API key is not a valid UUID'] })
      }
      await deps.limiter.account('node', apiKeyDigest(apiKey, deps.apiKeySecret))
      const node = await findNodeByApiKey(await deps.em(), apiKey, deps.apiKeySecret, deps.bcrypt)
      request.identityId = node.id
      const body = await issuePairBody(deps, 'node', node.id, [])
      void reply.header('jwt-token', body.access_token)
      return body
    },
  )
}
