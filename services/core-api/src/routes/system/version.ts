import { SERVER_VERSION } from '@fedhub/shared/http'
import type { FastifyInstance } from 'fastify'

/**
 * `GET /version`: a 4.x version string. Nodes build their image tag from its major and minor
 * parts, and the UI shows it, so it names the upstream release fedhub is compatible with.
 */
export function registerVersionRoute(app: FastifyInstance, apiPath: string): void {
  app.get(
    `${apiPath}/version`,
    {
      schema: {
        summary: 'Server version (vantage6 release fedhub is compatible with)',
        tags: ['System'],
        response: {
          200: {
            type: 'object',
            properties: { version: { type: 'string', example: SERVER_VERSION } },
            required: ['version'],
          },
        },
      },
    },
    async () => ({ version: SERVER_VERSION }),
  )
}
