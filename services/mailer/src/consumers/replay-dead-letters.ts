import { randomUUID } from 'node:crypto'
import { MAIL_DEAD_LETTER_SUBJECT, STREAMS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import type { BusMessage, EventBus, StreamSpec } from '@fedhub/shared/transports'
import type { DeadLetter } from './dead-letters.ts'
import { MAIL_ID_HEADER, REPLAYS_HEADER } from './mail-id.ts'

export interface ReplayOptions {
  logger: Logger
  /** The stream holding dead letters; the catalogue's `FEDHUB_DEAD` unless a test names its own. */
  deadStream?: StreamSpec
  deadLetterSubject?: string
  /** The replay durable: it remembers what earlier replays took, so each letter goes out once. */
  durable?: string
  /** Gives up when the backlog is not worked through in this time. */
  timeoutMs?: number
}

export interface ReplayResult {
  replayed: number
  /** Letters that were not dead letters of ours (unreadable), acknowledged and dropped. */
  dropped: number
}

function isDeadLetter(data: unknown): data is DeadLetter {
  const letter = data as Partial<DeadLetter> | null
  return typeof letter?.subject === 'string' && typeof letter.mailId === 'string'
}

/**
 * Republishes every parked mail to the subject it came from, with its mail id, so the mailer
 * tries it again and still never sends a mail twice. A marker published first tells when the
 * backlog is done: the replay durable delivers in order, so everything before it was handled.
 */
export async function replayDeadLetters(
  bus: EventBus,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const deadStream = options.deadStream ?? STREAMS.find((s) => s.name === 'FEDHUB_DEAD')!
  const subject = options.deadLetterSubject ?? MAIL_DEAD_LETTER_SUBJECT
  const spec = {
    stream: deadStream.name,
    durable: options.durable ?? 'mail-replay',
    filterSubject: subject,
    // Short: a letter pulled just as a replay stops is offered again soon, to the next replay.
    ackWaitMs: 3_000,
    // Handed-back letters must be offered again at once, ahead of the next replay's marker.
    retryDelayMs: 0,
  }
  // An operator command may create its own durable; the stream itself is `fedhub migrate`'s.
  await bus.ensureStreams([deadStream], [spec])
  const marker = randomUUID()
  const result: ReplayResult = { replayed: 0, dropped: 0 }
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })

  let done = false
  const handle = async (message: BusMessage) => {
    // Letters that arrive after the marker belong to the next replay: hand them straight back.
    if (done) throw new Error('replay finished; letter left for the next replay')
    const data = message.data as { replayMarker?: string }
    if (typeof data?.replayMarker === 'string') {
      if (data.replayMarker === marker) {
        done = true
        finish()
      }
      return
    }
    if (!isDeadLetter(message.data)) {
      result.dropped++
      options.logger.warn({ subject: message.subject }, 'unreadable dead letter dropped')
      return
    }
    const letter = message.data
    await bus.publish(letter.subject, letter.data, {
      messageId: `replay:${letter.mailId}:r${letter.replays}`,
      headers: {
        ...letter.headers,
        [MAIL_ID_HEADER]: letter.mailId,
        [REPLAYS_HEADER]: String(letter.replays + 1),
      },
    })
    result.replayed++
    options.logger.info(
      { subject: letter.subject, mailId: letter.mailId, kind: letter.kind },
      'dead letter replayed',
    )
  }

  const subscription = await bus.consume(spec, handle)
  let timer: NodeJS.Timeout | undefined
  try {
    await bus.publish(subject, { replayMarker: marker }, { messageId: `replay-marker:${marker}` })
    const timeoutMs = options.timeoutMs ?? 5 * 60_000
    await Promise.race([
      finished,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`replay did not finish within ${timeoutMs} ms`)),
          timeoutMs,
        )
      }),
    ])
  } finally {
    clearTimeout(timer)
    await subscription.stop()
  }
  return result
}
