import type { BusMessage, EventBus, MessageHeaders } from '@fedhub/shared/transports'
import { headerOf, REPLAYS_HEADER } from './mail-id.ts'

/** What the dead-letter subject carries: enough to say why, and to republish the event as it was. */
export interface DeadLetter {
  subject: string
  data: unknown
  headers: MessageHeaders
  mailId: string
  kind: 'malformed' | 'rejected'
  reason: string
  parkedAt: string
  /** How often this mail had been replayed before it was parked this time. */
  replays: number
}

/** Parks a mail event on the dead-letter subject. */
export async function parkDeadLetter(
  bus: EventBus,
  deadLetterSubject: string,
  message: BusMessage,
  fields: { mailId: string; kind: DeadLetter['kind']; reason: string },
): Promise<void> {
  const replays = Number(headerOf(message, REPLAYS_HEADER) ?? '0') || 0
  const letter: DeadLetter = {
    subject: message.subject,
    data: message.data,
    headers: message.headers,
    ...fields,
    parkedAt: new Date().toISOString(),
    replays,
  }
  // One id per parking: a redelivery after a lost ack is dropped by the stream's dedup window.
  await bus.publish(deadLetterSubject, letter, { messageId: `mail:${fields.mailId}:r${replays}` })
}
