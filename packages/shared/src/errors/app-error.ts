/**
 * Field-level validation messages, keyed by field name (`_schema` for cross-field problems),
 * as vantage6 clients show them under `errors`.
 */
export type FieldErrors = Record<string, string[]>

export interface AppErrorOptions {
  /** HTTP status sent to the client; 500 when absent. */
  status?: number
  /** Whether `message` may be shown to clients. Unexposed errors become an opaque 500 body. */
  expose?: boolean
  /** Field errors sent as `errors` next to `msg`. */
  errors?: FieldErrors
  /** Extra headers to send with the error response (such as `Retry-After`). */
  headers?: Record<string, string>
  cause?: unknown
}

/**
 * The one error type that crosses layers. `code` is stable and dotted (`area.reason`) and goes
 * into logs and internal replies only; clients see vantage6's `{"msg": ...}` shape.
 *
 * @example
 * throw new AppError('user.not_found', 'User with id=3 not found', { status: 404 })
 */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly expose: boolean
  readonly errors: FieldErrors | undefined
  readonly headers: Record<string, string> | undefined

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = options.status ?? 500
    this.expose = options.expose ?? this.status < 500
    this.errors = options.errors
    this.headers = options.headers
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}
