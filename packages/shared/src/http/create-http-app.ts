import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { Registry } from 'prom-client'
import type { FedhubConfig } from '../config/index.ts'
import { type Logger, loggerOptions, pickRequestId, REQUEST_ID_HEADER } from '../logging/index.ts'
import { registerCors } from './cors.ts'
import { installErrorHandling } from './error-handler.ts'
import { type ReadinessCheck, registerHealthRoutes } from './health.ts'
import { acceptEmptyJsonBodies } from './json-body.ts'
import { instrumentHttp } from './metrics.ts'
import { registerOpenApi } from './openapi.ts'
import { logRequests } from './request-log.ts'
import { schemaErrorFormatter, validatorCompiler } from './validation.ts'

/** The server version reported to clients; nodes derive their image tag from it. */
export const SERVER_VERSION = '4.14.0'

export interface HttpAppOptions {
  config: FedhubConfig
  /** Name bound to every log line and metric of this instance. */
  service: string
  registry: Registry
  /** Dependencies `/readyz` reports on; read at each probe, so late additions count. */
  readiness: ReadinessCheck[]
  /** Serve `/apidocs` from this instance. */
  serveApiDocs?: boolean
  /** Serve this prebuilt OpenAPI document instead of collecting this instance's routes. */
  apiDocument?: Record<string, unknown> | undefined
  /** Use this logger instead of building one (tests capture output this way). */
  logger?: Logger
}

/**
 * Builds an unstarted fastify instance with the plumbing every fedhub HTTP service shares:
 * request ids, one log line per request, strict body validation with vantage6 error bodies,
 * empty JSON bodies, the body limit, CORS, health routes, metrics and the OpenAPI collector.
 * Services register their routes on the result; nothing here reads the environment.
 *
 * @example
 * const app = await createHttpApp({ config, service: 'auth', registry, readiness: [] })
 * await app.register(authRoutes, { prefix: config.apiPath })
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const { config, service } = options
  // Our pino (10) and fastify's logger type differ only in generics; the instance is the same.
  const app = Fastify({
    ...(options.logger === undefined
      ? { logger: loggerOptions({ level: config.logLevel, service }) }
      : { loggerInstance: options.logger }),
    bodyLimit: config.bodyLimitBytes,
    // Our own onResponse hook writes the one line per request.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: (request) => pickRequestId(request.headers[REQUEST_ID_HEADER]),
    schemaErrorFormatter,
    // Upstream vantage6 answers the same for `/api/task` and `/api/task/`.
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { strict: false } },
  }) as unknown as FastifyInstance
  app.setValidatorCompiler(validatorCompiler)
  app.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id)
  })
  installErrorHandling(app, config.bodyLimitBytes)
  acceptEmptyJsonBodies(app, config.bodyLimitBytes)
  logRequests(app)
  instrumentHttp(app, options.registry, service)
  await registerCors(app, config.corsAllowedOrigins)
  await registerOpenApi(app, {
    version: SERVER_VERSION,
    serve: options.serveApiDocs ?? false,
    document: options.apiDocument,
  })
  registerHealthRoutes(app, () => options.readiness)
  return app
}
