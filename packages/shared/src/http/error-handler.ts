import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, errors, isAppError, toWireError } from '../errors/index.ts'

interface FastifyLikeError {
  code?: string
  statusCode?: number
  message: string
}

// Fastify's own errors (body limit, media type, bad JSON) carry a status and an FST_* code;
// they become AppErrors with a vantage6-style message. Anything else is unexpected.
function fromFastify(
  error: FastifyLikeError,
  limit: number,
  contentType: string | undefined,
): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.bodyTooLarge(limit)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(contentType ?? 'none')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.malformedBody('it is not valid JSON')
  }
  if (error instanceof SyntaxError) return errors.malformedBody('it is not valid JSON')
  const status = error.statusCode
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError(`http.${(error.code ?? 'client_error').toLowerCase()}`, error.message, {
      status,
    })
  }
  return undefined
}

/**
 * Installs the one place that turns thrown errors into vantage6 wire errors. 5xx are logged at
 * error with the request id; 4xx are part of the request's info line (clients retry on them,
 * so a warning per 4xx would flood the logs).
 */
export function installErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((thrown: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = isAppError(thrown)
      ? thrown
      : (fromFastify(thrown, bodyLimit, request.headers['content-type']) ?? thrown)
    const { status, body, error } = toWireError(mapped)
    if (status >= 500) {
      request.log.error({ err: thrown, code: error.code }, 'request failed')
    } else {
      request.errorCode = error.code
      request.errorMessage = body.msg
    }
    if (error.headers !== undefined) void reply.headers(error.headers)
    return reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const { status, body, error } = toWireError(
      errors.routeNotFound(request.method, request.url.split('?')[0] ?? ''),
    )
    request.errorCode = error.code
    return reply.status(status).send(body)
  })
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Internal code of the error answered, for the request's log line. */
    errorCode?: string
    errorMessage?: string
  }
}
