import type { Logger } from '../logging/index.ts'
import { DEFAULT_REQUEST_TIMEOUT_MS } from './bus-defaults.ts'
import { busErrors, decodeReplyError, encodeReplyError } from './bus-errors.ts'
import { createMemoryStreams } from './in-process-streams.ts'
import { roundTripJson } from './json-codec.ts'
import { subjectMatches } from './subject-match.ts'
import type { EventBus, MessageHeaders, ReplyHandler, Subscription } from './types.ts'

export interface InProcessBusOptions {
  logger: Logger
}

type Listener = { pattern: string; handler: (data: unknown, headers: MessageHeaders) => void }
type Replier = { pattern: string; handler: ReplyHandler; running: Set<Promise<unknown>> }

/**
 * The event bus for standalone mode: streams, durable consumers, request/reply and broadcast
 * with the same semantics as the NATS bus, held in this process.
 *
 * @example
 * const bus = createInProcessBus({ logger })
 * await bus.ensureStreams([{ name: 'EVENTS', subjects: ['events.>'] }], [])
 */
export function createInProcessBus(options: InProcessBusOptions): EventBus {
  const log = options.logger.child({ component: 'in-process-bus' })
  const streams = createMemoryStreams(log)
  const listeners = new Set<Listener>()
  const repliers = new Set<Replier>()
  const subscriptions = new Set<Subscription>()
  let nextReplier = 0
  let closed = false

  function track(subscription: Subscription): Subscription {
    subscriptions.add(subscription)
    return {
      async stop() {
        subscriptions.delete(subscription)
        await subscription.stop()
      },
    }
  }

  function assertOpen(): void {
    if (closed) throw new Error('the in-process bus is closed')
  }

  async function answer(replier: Replier, data: unknown, headers: MessageHeaders) {
    try {
      return roundTripJson(await replier.handler(roundTripJson(data), { ...headers }))
    } catch (err) {
      log.error({ err, subject: replier.pattern }, 'request handler failed')
      // Through the same header form NATS uses, so both buses hand back the same error.
      throw decodeReplyError(encodeReplyError(err))
    }
  }

  return {
    async ensureStreams(streamSpecs, consumerSpecs) {
      assertOpen()
      for (const spec of streamSpecs) streams.ensureStream(spec)
      for (const spec of consumerSpecs) streams.ensureConsumer(spec)
    },

    async publish(subject, data, publishOptions = {}) {
      assertOpen()
      streams.publish(subject, data, publishOptions.headers ?? {}, publishOptions.messageId)
    },

    async consume(spec, handler) {
      assertOpen()
      return track(streams.consume(spec, handler))
    },

    async broadcast(subject, data, headers = {}) {
      assertOpen()
      for (const listener of listeners) {
        if (!subjectMatches(listener.pattern, subject)) continue
        // Delivered on a later tick, as over the network, so publishers never run listener code.
        setImmediate(() => {
          try {
            listener.handler(roundTripJson(data), { ...headers })
          } catch (err) {
            log.error({ err, subject }, 'broadcast listener failed')
          }
        })
      }
    },

    listen(subject, handler) {
      assertOpen()
      const listener: Listener = { pattern: subject, handler }
      listeners.add(listener)
      return track({
        async stop() {
          listeners.delete(listener)
        },
      })
    },

    async request(subject, data, requestOptions = {}) {
      assertOpen()
      const candidates = [...repliers].filter((r) => subjectMatches(r.pattern, subject))
      if (candidates.length === 0) throw busErrors.noResponders(subject)
      const replier = candidates[nextReplier++ % candidates.length]!
      const timeoutMs = requestOptions.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
      const pending = answer(replier, data, requestOptions.headers ?? {})
      replier.running.add(pending)
      const forget = () => replier.running.delete(pending)
      pending.then(forget, forget)
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(busErrors.requestTimeout(subject, timeoutMs)), timeoutMs)
      })
      try {
        return await Promise.race([pending, timeout])
      } finally {
        clearTimeout(timer)
      }
    },

    reply(subject, handler) {
      assertOpen()
      const replier: Replier = { pattern: subject, handler, running: new Set() }
      repliers.add(replier)
      return track({
        async stop() {
          repliers.delete(replier)
          await Promise.allSettled(replier.running)
        },
      })
    },

    async isReady() {
      return !closed
    },

    async close() {
      if (closed) return
      closed = true
      await Promise.all([...subscriptions].map((s) => s.stop()))
      subscriptions.clear()
      streams.clear()
    },
  }
}
