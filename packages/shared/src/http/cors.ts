import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

/**
 * CORS as upstream's REST API does it: each configured origin is a regular expression, `*`
 * allows any. `total-count` and `Link` are exposed because the UI pages with them.
 */
export async function registerCors(
  app: FastifyInstance,
  allowed: readonly string[],
): Promise<void> {
  const any = allowed.includes('*')
  // Entries were checked to compile when the config was loaded.
  const patterns = any ? [] : allowed.map((entry) => new RegExp(`^(?:${entry})$`))
  await app.register(cors, {
    origin: any
      ? true
      : (origin, callback) => {
          callback(null, origin === undefined || patterns.some((pattern) => pattern.test(origin)))
        },
    exposedHeaders: ['total-count', 'Link'],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  })
}
