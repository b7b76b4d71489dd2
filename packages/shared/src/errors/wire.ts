import { type AppError, isAppError } from './app-error.ts'
import { errors } from './catalogue.ts'

const OPAQUE_MESSAGE = errors.internal(undefined).message

/** The body vantage6 clients read on every error: `msg`, and `errors` for field validation. */
export interface WireError {
  msg: string
  errors?: Record<string, string[]>
}

/**
 * Maps anything thrown to the status and body sent on the wire. Only `AppError`s marked
 * `expose` keep their message; everything else becomes the opaque upstream 500 text.
 */
export function toWireError(thrown: unknown): { status: number; body: WireError; error: AppError } {
  const error = isAppError(thrown) ? thrown : errors.internal(thrown)
  const status = error.status >= 400 && error.status < 600 ? error.status : 500
  if (!error.expose) return { status, body: { msg: OPAQUE_MESSAGE }, error }
  const body: WireError = { msg: error.message }
  if (error.errors !== undefined) body.errors = error.errors
  return { status, body, error }
}
