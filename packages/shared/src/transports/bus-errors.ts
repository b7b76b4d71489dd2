import { AppError, isAppError } from '../errors/index.ts'
import type { MessageHeaders } from './types.ts'

/** Errors the bus raises itself, one factory per case so codes and texts live in one place. */
export const busErrors = {
  noStream: (subject: string) =>
    new AppError(
      'bus.no_stream',
      `No stream takes subject '${subject}'; run 'fedhub migrate' to create the streams`,
    ),
  unknownConsumer: (stream: string, durable: string) =>
    new AppError(
      'bus.unknown_consumer',
      `Consumer '${durable}' on stream '${stream}' does not exist; run 'fedhub migrate'`,
    ),
  noResponders: (subject: string) =>
    new AppError('bus.no_responders', `Nothing answers requests on '${subject}'`, { status: 503 }),
  requestTimeout: (subject: string, timeoutMs: number) =>
    new AppError('bus.request_timeout', `No reply on '${subject}' within ${timeoutMs} ms`, {
      status: 503,
    }),
} as const

// Reply errors travel in headers (as nats.js services do) so the payload stays the plain result.
const CODE = 'x-error-code'
const STATUS = 'x-error-status'
const MESSAGE = 'x-error-message'
const EXPOSE = 'x-error-expose'

/** Headers that carry a reply handler's failure back to the requester. */
export function encodeReplyError(err: unknown): MessageHeaders {
  if (isAppError(err)) {
    return {
      [CODE]: err.code,
      [STATUS]: String(err.status),
      [MESSAGE]: err.message,
      [EXPOSE]: String(err.expose),
    }
  }
  // Unknown errors may hold internals; the replier logs them and the requester gets a code only.
  return {
    [CODE]: 'internal.unexpected',
    [STATUS]: '500',
    [MESSAGE]: 'The request handler failed',
    [EXPOSE]: 'false',
  }
}

/** The error a reply's headers describe, or `undefined` for a successful reply. */
export function decodeReplyError(headers: MessageHeaders): AppError | undefined {
  const code = headers[CODE]
  if (code === undefined) return undefined
  return new AppError(code, headers[MESSAGE] ?? code, {
    status: Number(headers[STATUS] ?? 500),
    expose: headers[EXPOSE] === 'true',
  })
}
