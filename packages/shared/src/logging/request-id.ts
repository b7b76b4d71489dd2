import { randomUUID } from 'node:crypto'

/** Header clients and proxies may send to correlate a request; echoed on every response. */
export const REQUEST_ID_HEADER = 'x-request-id'

// An incoming id lands in every log line of the request, so only short, plain tokens are
// trusted; anything else could forge log structure or carry a secret.
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/

/**
 * Returns the caller's request id when it is well-formed, or a new random one.
 *
 * @example
 * pickRequestId(req.headers['x-request-id']) // 'b0a8…' or the caller's id
 */
export function pickRequestId(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming
  return candidate !== undefined && ACCEPTED_ID.test(candidate) ? candidate : randomUUID()
}
