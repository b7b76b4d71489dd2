import type { Logger } from '../logging/index.ts'
import { DEFAULT_RETRY_DELAY_MS } from './bus-defaults.ts'
import { roundTripJson } from './json-codec.ts'
import { subjectMatches } from './subject-match.ts'
import {
  type BusMessage,
  type ConsumeHandler,
  type ConsumerSpec,
  type MessageHeaders,
  type Subscription,
  TerminateMessage,
} from './types.ts'

/** A message as an in-process stream keeps it, by sequence number. */
export interface StoredMessage {
  seq: number
  subject: string
  data: unknown
  headers: MessageHeaders
  /** The publisher's deduplication id, handed to consumers as `BusMessage.messageId`. */
  messageId?: string
  publishedAt: number
  /** Durables that have not acknowledged it yet; the stream drops it once this is empty. */
  pendingFor: Set<string>
}

interface Worker {
  handler: ConsumeHandler
  retryDelayMs: number
  maxInFlight: number
  active: number
  running: Set<Promise<void>>
}

let deliveryToken = 0

/**
 * One durable consumer of an in-process stream: hands each message to one attached handler at a
 * time, offers it again after the ack wait or a failure, and forgets it once acknowledged.
 */
export function createDurable(
  initial: ConsumerSpec,
  log: Map<number, StoredMessage>,
  logger: Logger,
) {
  let spec = initial
  let ready: number[] = []
  // Delivered, or waiting out a retry delay; the token tells the current delivery from stale ones.
  const held = new Map<number, { token: number; timer: NodeJS.Timeout }>()
  const deliveries = new Map<number, number>()
  let workers: Worker[] = []
  let nextWorker = 0

  const later = (ms: number, fn: () => void) => setTimeout(fn, ms).unref()

  function enqueue(seq: number): void {
    // Sequence order, as JetStream redelivers: an expired message goes back ahead of newer ones.
    const index = ready.findIndex((s) => s > seq)
    ready.splice(index === -1 ? ready.length : index, 0, seq)
  }

  function settle(seq: number): void {
    const entry = held.get(seq)
    if (entry !== undefined) clearTimeout(entry.timer)
    held.delete(seq)
    ready = ready.filter((s) => s !== seq)
    deliveries.delete(seq)
    const message = log.get(seq)
    message?.pendingFor.delete(spec.durable)
    if (message?.pendingFor.size === 0) log.delete(seq)
  }

  function offerAgain(seq: number, token: number): void {
    if (held.get(seq)?.token !== token) return
    held.delete(seq)
    enqueue(seq)
    pump()
  }

  function deliver(worker: Worker, stored: StoredMessage): void {
    const { seq } = stored
    const token = ++deliveryToken
    const count = (deliveries.get(seq) ?? 0) + 1
    deliveries.set(seq, count)
    const armAckWait = () => later(spec.ackWaitMs, () => offerAgain(seq, token))
    held.set(seq, { token, timer: armAckWait() })
    const message: BusMessage = {
      subject: stored.subject,
      data: roundTripJson(stored.data),
      headers: { ...stored.headers },
      ...(stored.messageId === undefined ? {} : { messageId: stored.messageId }),
      deliveryCount: count,
      working() {
        const entry = held.get(seq)
        if (entry?.token !== token) return
        clearTimeout(entry.timer)
        entry.timer = armAckWait()
      },
    }
    const failed = (err: unknown) => {
      if (err instanceof TerminateMessage) {
        logger.warn({ subject: stored.subject, reason: err.message }, 'message terminated')
        settle(seq)
        return
      }
      logger.warn({ err, subject: stored.subject, deliveryCount: count }, 'message handler failed')
      const entry = held.get(seq)
      if (entry?.token !== token) return
      clearTimeout(entry.timer)
      entry.timer = later(worker.retryDelayMs, () => offerAgain(seq, token))
    }
    worker.active++
    const run = worker
      .handler(message)
      .then(() => settle(seq), failed)
      .finally(() => {
        worker.active--
        worker.running.delete(run)
        pump()
      })
    worker.running.add(run)
  }

  function freeWorker(): Worker | undefined {
    for (let i = 0; i < workers.length; i++) {
      const candidate = workers[(nextWorker + i) % workers.length]!
      if (candidate.active < candidate.maxInFlight) {
        nextWorker = (nextWorker + i + 1) % workers.length
        return candidate
      }
    }
    return undefined
  }

  function pump(): void {
    while (ready.length > 0) {
      const worker = freeWorker()
      if (worker === undefined) return
      const stored = log.get(ready.shift()!)
      // Missing when the stream aged it out while it waited.
      if (stored !== undefined) deliver(worker, stored)
    }
  }

  return {
    /** Takes a changed spec from `ensureStreams`; messages already queued stay queued. */
    update(next: ConsumerSpec): void {
      spec = next
    },

    wants(subject: string): boolean {
      return spec.filterSubject === undefined || subjectMatches(spec.filterSubject, subject)
    },

    /** Queues a stored message for this durable. */
    offer(stored: StoredMessage): void {
      stored.pendingFor.add(spec.durable)
      ready.push(stored.seq)
      pump()
    },

    attach(options: ConsumerSpec, handler: ConsumeHandler): Subscription {
      const worker: Worker = {
        handler,
        retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
        maxInFlight: Math.max(1, options.maxInFlight ?? 1),
        active: 0,
        running: new Set(),
      }
      workers.push(worker)
      pump()
      return {
        async stop() {
          workers = workers.filter((w) => w !== worker)
          await Promise.all(worker.running)
        },
      }
    },

    /** Cancels every timer; held messages are lost with the process anyway. */
    clear(): void {
      for (const entry of held.values()) clearTimeout(entry.timer)
      held.clear()
      workers = []
    },
  }
}

export type Durable = ReturnType<typeof createDurable>
