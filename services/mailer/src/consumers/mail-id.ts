import { createHash } from 'node:crypto'
import type { BusMessage } from '@fedhub/shared/transports'

/** Set by `fedhub mail replay`: the id of the mail a republished dead letter stands for. */
export const MAIL_ID_HEADER = 'fedhub-mail-id'
/** How many times a dead letter has been replayed, so each parking gets its own dedup id. */
export const REPLAYS_HEADER = 'fedhub-mail-replays'

/** Reads a header whatever case the transport kept it in. */
export function headerOf(message: Pick<BusMessage, 'headers'>, name: string): string | undefined {
  const found = Object.entries(message.headers).find(([key]) => key.toLowerCase() === name)
  return found?.[1]
}

/**
 * The idempotency key of a mail: the replayed mail's id, else the bus message id (the outbox row
 * id, set by the relay), else a hash of subject and payload for publishers that give no id.
 */
export function mailIdOf(message: BusMessage): string {
  const replayed = headerOf(message, MAIL_ID_HEADER)
  if (replayed !== undefined && replayed !== '') return replayed
  if (message.messageId !== undefined) return message.messageId
  const digest = createHash('sha256')
    .update(message.subject)
    .update('\n')
    .update(JSON.stringify(message.data) ?? '')
    .digest('hex')
  return `sha256-${digest.slice(0, 32)}`
}
