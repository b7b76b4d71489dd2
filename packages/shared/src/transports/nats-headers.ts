import { headers as createHeaders, type MsgHdrs } from 'nats'
import type { MessageHeaders } from './types.ts'

/** Converts our header record to NATS headers; `undefined` when there is nothing to send. */
export function toNatsHeaders(record: MessageHeaders | undefined): MsgHdrs | undefined {
  if (record === undefined || Object.keys(record).length === 0) return undefined
  const natsHeaders = createHeaders()
  for (const [key, value] of Object.entries(record)) natsHeaders.set(key, value)
  return natsHeaders
}

/**
 * Converts NATS headers back to a record. `Nats-*` headers (such as the dedup id JetStream adds)
 * belong to the server, and the in-process bus has none, so they are left out.
 */
export function fromNatsHeaders(natsHeaders: MsgHdrs | undefined): MessageHeaders {
  const record: MessageHeaders = {}
  if (natsHeaders === undefined) return record
  for (const key of natsHeaders.keys()) {
    if (key.toLowerCase().startsWith('nats-')) continue
    record[key] = natsHeaders.get(key)
  }
  return record
}
