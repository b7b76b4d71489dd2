import { AppError, errors } from '@fedhub/shared/errors'

// Texts follow upstream, typos included: clients and upstream-written tests have seen them.
export const denied = (message?: string) => errors.unauthorized(message)
export const badRequest = (code: string, message: string, cause?: unknown) =>
  new AppError(code, message, { status: 400, cause })
export const notFound = (code: string, message: string) =>
  new AppError(code, message, { status: 404 })
