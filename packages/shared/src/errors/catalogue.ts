import { AppError, type FieldErrors } from './app-error.ts'

/**
 * Factories for the errors every service raises, so each case's text and status live in one
 * place. Messages follow upstream vantage6 where clients have seen them.
 */
export const errors = {
  invalidBody: (fieldErrors: FieldErrors) =>
    new AppError('request.invalid_body', 'Request body is incorrect', {
      status: 400,
      errors: fieldErrors,
    }),
  malformedBody: (detail: string) =>
    new AppError('request.malformed_body', `Request body is incorrect: ${detail}`, { status: 400 }),
  invalidQuery: (fieldErrors: FieldErrors) =>
    new AppError('request.invalid_query', 'Query parameters are incorrect', {
      status: 400,
      errors: fieldErrors,
    }),
  invalidParams: (fieldErrors: FieldErrors) =>
    new AppError('request.invalid_params', 'Path parameters are incorrect', {
      status: 400,
      errors: fieldErrors,
    }),
  bodyTooLarge: (limitBytes: number) =>
    new AppError(
      'request.body_too_large',
      `Request body is larger than the limit of ${limitBytes} bytes`,
      { status: 413 },
    ),
  unsupportedMediaType: (contentType: string) =>
    new AppError(
      'request.unsupported_media_type',
      `Content type '${contentType}' is not supported; send application/json`,
      { status: 415 },
    ),
  routeNotFound: (method: string, url: string) =>
    new AppError('request.route_not_found', `No endpoint ${method} ${url}`, { status: 404 }),
  notFound: (resource: string, id: number | string) =>
    new AppError(`${resource}.not_found`, `${resource} with id=${id} not found`, { status: 404 }),
  unauthorized: (message = 'You lack the permission to do that!') =>
    new AppError('auth.permission_denied', message, { status: 401 }),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    new AppError('request.rate_limited', message, {
      status: 429,
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
  serviceUnavailable: (message: string) =>
    new AppError('service.unavailable', message, { status: 503 }),
  notImplemented: (message: string) =>
    new AppError('service.not_configured', message, { status: 501 }),
  internal: (cause: unknown) =>
    new AppError('internal.unexpected', 'An unexpected error occurred on the server!', {
      status: 500,
      expose: false,
      cause,
    }),
} as const
