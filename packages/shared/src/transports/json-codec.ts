const encoder = new TextEncoder()
const decoder = new TextDecoder()
const EMPTY = new Uint8Array(0)

/** Payloads are JSON on the wire; `undefined` travels as an empty body so it comes back as is. */
export function encodeJson(data: unknown): Uint8Array {
  return data === undefined ? EMPTY : encoder.encode(JSON.stringify(data))
}

export function decodeJson(bytes: Uint8Array): unknown {
  return bytes.length === 0 ? undefined : JSON.parse(decoder.decode(bytes))
}

/**
 * What a receiver would get had the value crossed the wire. The in-process bus passes every
 * payload through it so standalone sees the same shapes (dates as strings, no shared objects).
 */
export function roundTripJson(data: unknown): unknown {
  return data === undefined ? undefined : JSON.parse(JSON.stringify(data))
}
