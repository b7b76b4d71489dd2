/**
 * Inputs and results of unencrypted collaborations travel as base64 of their JSON text, both
 * from clients to the server and from nodes back (the server stores the strings as they come).
 */
export function encodePayload(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64')
}

/** The JSON value behind a base64 payload; throws when it is not base64 of JSON. */
export function decodePayload(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8'))
}

/** The `{method, args, kwargs}` input the vantage6 algorithm wrapper reads. */
export interface AlgorithmInput {
  method: string
  args: unknown[]
  kwargs: Record<string, unknown>
}

/** Reads an algorithm input, answering a sentence when it is not one. */
export function parseAlgorithmInput(value: unknown): AlgorithmInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'the input is not a JSON object'
  }
  const { method, args = [], kwargs = {} } = value as Record<string, unknown>
  if (typeof method !== 'string' || method === '') return "the input has no 'method'"
  if (!Array.isArray(args)) return "'args' must be a list"
  if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs)) {
    return "'kwargs' must be an object"
  }
  return { method, args, kwargs: kwargs as Record<string, unknown> }
}
