import type { Logger } from '../logging/index.ts'
import { DEFAULT_DUPLICATE_WINDOW_MS } from './bus-defaults.ts'
import { busErrors } from './bus-errors.ts'
import { createDurable, type Durable, type StoredMessage } from './in-process-durable.ts'
import { roundTripJson } from './json-codec.ts'
import { subjectMatches } from './subject-match.ts'
import type {
  ConsumeHandler,
  ConsumerSpec,
  MessageHeaders,
  StreamSpec,
  Subscription,
} from './types.ts'

interface StreamState {
  spec: StreamSpec
  messages: Map<number, StoredMessage>
  /** Message id → time it was first seen. */
  seenIds: Map<string, number>
  consumers: Map<string, Durable>
}

function dropExpired(stream: StreamState, now: number): void {
  const window = stream.spec.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS
  // Both maps are in insertion order, which is time order, so the scans stop early.
  for (const [id, seenAt] of stream.seenIds) {
    if (now - seenAt < window) break
    stream.seenIds.delete(id)
  }
  const maxAge = stream.spec.maxAgeMs
  if (maxAge === undefined || maxAge <= 0) return
  for (const message of stream.messages.values()) {
    if (now - message.publishedAt < maxAge) break
    stream.messages.delete(message.seq)
  }
}

/**
 * JetStream-like streams held in memory, for the standalone bus. A message stays until every
 * durable that wanted it has acknowledged it (or it outlives `maxAgeMs`).
 */
export function createMemoryStreams(logger: Logger) {
  const streams = new Map<string, StreamState>()
  let seq = 0

  return {
    ensureStream(spec: StreamSpec): void {
      const existing = streams.get(spec.name)
      if (existing !== undefined) existing.spec = spec
      else
        streams.set(spec.name, {
          spec,
          messages: new Map(),
          seenIds: new Map(),
          consumers: new Map(),
        })
    },

    ensureConsumer(spec: ConsumerSpec): void {
      const stream = streams.get(spec.stream)
      if (stream === undefined) throw new Error(`stream '${spec.stream}' does not exist`)
      const existing = stream.consumers.get(spec.durable)
      if (existing !== undefined) {
        existing.update(spec)
        return
      }
      const durable = createDurable(spec, stream.messages, logger)
      stream.consumers.set(spec.durable, durable)
      // A new durable starts at the beginning of the stream, as JetStream's DeliverAll does.
      for (const message of stream.messages.values()) {
        if (durable.wants(message.subject)) durable.offer(message)
      }
    },

    publish(subject: string, data: unknown, headers: MessageHeaders, messageId?: string): void {
      const stream = [...streams.values()].find((s) =>
        s.spec.subjects.some((pattern) => subjectMatches(pattern, subject)),
      )
      if (stream === undefined) throw busErrors.noStream(subject)
      const now = Date.now()
      dropExpired(stream, now)
      if (messageId !== undefined) {
        if (stream.seenIds.has(messageId)) {
          logger.debug({ subject, messageId }, 'duplicate message dropped')
          return
        }
        stream.seenIds.set(messageId, now)
      }
      const message: StoredMessage = {
        seq: ++seq,
        subject,
        data: roundTripJson(data),
        headers: { ...headers },
        ...(messageId === undefined ? {} : { messageId }),
        publishedAt: now,
        pendingFor: new Set(),
      }
      stream.messages.set(message.seq, message)
      for (const durable of stream.consumers.values()) {
        if (durable.wants(subject)) durable.offer(message)
      }
    },

    consume(spec: ConsumerSpec, handler: ConsumeHandler): Subscription {
      const durable = streams.get(spec.stream)?.consumers.get(spec.durable)
      if (durable === undefined) throw busErrors.unknownConsumer(spec.stream, spec.durable)
      return durable.attach(spec, handler)
    },

    /** Cancels every pending timer and forgets all streams. */
    clear(): void {
      for (const stream of streams.values()) {
        for (const durable of stream.consumers.values()) durable.clear()
      }
      streams.clear()
    },
  }
}
