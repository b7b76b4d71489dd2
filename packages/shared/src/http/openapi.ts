import swagger, { type StaticDocumentSpec } from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export interface OpenApiOptions {
  version: string
  /** Serve the document and its browser at `/apidocs` from this instance. */
  serve: boolean
  /**
   * A prebuilt document for every service; a deployed core-api serves this one, since the other
   * services' routes are not registered in its process.
   */
  document?: Record<string, unknown> | undefined
}

/**
 * Collects every route schema registered after this call into one OpenAPI 3 document.
 * Must be registered before any route. Routes with `schema.hide` (health, metrics) stay out.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  options: OpenApiOptions,
): Promise<void> {
  if (options.document !== undefined) {
    await app.register(swagger, {
      mode: 'static',
      specification: {
        // Written by `fedhub apidocs`, which takes it from @fastify/swagger itself.
        document: options.document as unknown as StaticDocumentSpec['document'],
      },
    })
  } else {
    await registerCollector(app, options.version)
  }
  if (options.serve) {
    await app.register(swaggerUi, { routePrefix: '/apidocs', uiConfig: { deepLinking: false } })
  }
}

async function registerCollector(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'fedhub',
        description:
          'vantage6 4.x compatible central server. Authenticate with `Authorization: Bearer <token>` from `POST /token/user`, `/token/node` or `/token/container`.',
        version,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  })
}
