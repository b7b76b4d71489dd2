import { type JetStreamClient, type JsMsg, NatsError } from 'nats'
import type { Logger } from '../logging/index.ts'
import { DEFAULT_RETRY_DELAY_MS } from './bus-defaults.ts'
import { busErrors } from './bus-errors.ts'
import { decodeJson } from './json-codec.ts'
import { fromNatsHeaders } from './nats-headers.ts'
import {
  type BusMessage,
  type ConsumeHandler,
  type ConsumerSpec,
  type Subscription,
  TerminateMessage,
} from './types.ts'

async function settle(msg: JsMsg, handler: ConsumeHandler, spec: ConsumerSpec, log: Logger) {
  let data: unknown
  try {
    data = decodeJson(msg.data)
  } catch (err) {
    // No retry can make a malformed payload readable, so it is dropped for good.
    log.error({ err, subject: msg.subject, seq: msg.seq }, 'malformed message terminated')
    msg.term()
    return
  }
  const messageId = msg.headers?.get('Nats-Msg-Id')
  const message: BusMessage = {
    subject: msg.subject,
    data,
    headers: fromNatsHeaders(msg.headers),
    ...(messageId === undefined || messageId === '' ? {} : { messageId }),
    deliveryCount: msg.info.redeliveryCount,
    working: () => msg.working(),
  }
  try {
    await handler(message)
  } catch (err) {
    if (err instanceof TerminateMessage) {
      log.warn({ subject: msg.subject, reason: err.message }, 'message terminated')
      // Without a reason: `+TERM <reason>` needs NATS 2.10.
      msg.term()
      return
    }
    log.warn(
      { err, subject: msg.subject, deliveryCount: message.deliveryCount },
      'message handler failed',
    )
    const delayMs = spec.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS
    msg.nak(delayMs > 0 ? delayMs : undefined)
    return
  }
  try {
    // Waits for the server to confirm, so a lost ack shows up in the logs, not as a surprise.
    await msg.ackAck()
  } catch (err) {
    log.warn({ err, subject: msg.subject }, 'ack not confirmed; the message may come again')
  }
}

/**
 * Pulls from an existing durable consumer and runs up to `maxInFlight` handlers at once.
 * Replicas pulling the same durable share its messages: each goes to one of them.
 */
export async function consumeNats(
  js: JetStreamClient,
  spec: ConsumerSpec,
  handler: ConsumeHandler,
  log: Logger,
): Promise<Subscription> {
  const maxInFlight = Math.max(1, spec.maxInFlight ?? 1)
  const consumer = await js.consumers.get(spec.stream, spec.durable).catch((err: unknown) => {
    if (err instanceof NatsError && err.api_error !== undefined) {
      throw busErrors.unknownConsumer(spec.stream, spec.durable)
    }
    throw err
  })
  // Pull no more than we can work on: a buffered message's ack wait is already running.
  const messages = await consumer.consume({ max_messages: maxInFlight })
  const running = new Set<Promise<void>>()
  let wake: (() => void) | undefined

  const loop = (async () => {
    for await (const msg of messages) {
      while (running.size >= maxInFlight) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
      const run = settle(msg, handler, spec, log).finally(() => {
        running.delete(run)
        wake?.()
      })
      running.add(run)
    }
  })().catch((err: unknown) => {
    log.error({ err, stream: spec.stream, durable: spec.durable }, 'consumer stopped on error')
  })

  return {
    async stop() {
      await messages.close()
      await loop
      await Promise.allSettled(running)
    },
  }
}
