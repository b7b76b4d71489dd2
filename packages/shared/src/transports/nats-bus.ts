import { connect, ErrorCode, type Msg, NatsError } from 'nats'
import type { Logger } from '../logging/index.ts'
import { DEFAULT_REQUEST_TIMEOUT_MS } from './bus-defaults.ts'
import { busErrors, decodeReplyError, encodeReplyError } from './bus-errors.ts'
import { decodeJson, encodeJson } from './json-codec.ts'
import { consumeNats } from './nats-consume.ts'
import { fromNatsHeaders, toNatsHeaders } from './nats-headers.ts'
import { ensureNatsStreams } from './nats-streams.ts'
import type { EventBus, Subscription } from './types.ts'

export interface NatsBusOptions {
  /** Server URL, or several separated by commas. */
  url: string
  /** Connection name shown by the server's monitoring, such as `core-api`. */
  name: string
  logger: Logger
  /**
   * Puts every subject under `<namespace>.` and every stream name under `<namespace>_`, so
   * deployments (and test runs) sharing one NATS server never see each other's messages.
   */
  namespace?: string
}

/** Maps fedhub's subject and stream names into a namespace and subjects back out of it. */
function namespaced(namespace: string | undefined) {
  if (namespace === undefined || namespace === '') {
    const same = (name: string) => name
    return { subject: same, stream: same, local: same }
  }
  const prefix = `${namespace}.`
  return {
    subject: (subject: string) => `${prefix}${subject}`,
    stream: (stream: string) => `${namespace}_${stream}`,
    local: (subject: string) =>
      subject.startsWith(prefix) ? subject.slice(prefix.length) : subject,
  }
}

// Every replier of a subject joins this queue group, so each request reaches one replica.
const REPLY_QUEUE = 'fedhub'

function hasCode(err: unknown, code: string): boolean {
  return err instanceof NatsError && err.code === code
}

/**
 * The event bus for the distributed deployment: JetStream streams and durable pull consumers,
 * core NATS request/reply (queue groups) and plain publish/subscribe for broadcasts.
 * Connects before it returns and reconnects for ever afterwards.
 *
 * @example
 * const bus = await createNatsBus({ url: 'nats://127.0.0.1:4222', name: 'core-api', logger })
 * await bus.publish('task.created', { id: 3 }, { messageId: 'outbox-17' })
 */
export async function createNatsBus(options: NatsBusOptions): Promise<EventBus> {
  const log = options.logger.child({ component: 'nats-bus' })
  const nc = await connect({
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
  })
  const js = nc.jetstream()
  const names = namespaced(options.namespace)
  const subscriptions = new Set<Subscription>()
  let connected = true

  const watchStatus = async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') connected = false
      if (status.type === 'reconnect') connected = true
      log.info({ status: status.type, data: status.data }, 'nats connection status')
    }
  }
  watchStatus().catch((err: unknown) => log.error({ err }, 'nats status watch failed'))
  log.info({ server: nc.getServer() }, 'nats connected')

  function track(subscription: Subscription): Subscription {
    subscriptions.add(subscription)
    return {
      async stop() {
        subscriptions.delete(subscription)
        await subscription.stop()
      },
    }
  }

  return {
    async ensureStreams(streams, consumers) {
      await ensureNatsStreams(
        await nc.jetstreamManager(),
        streams.map((stream) => ({
          ...stream,
          name: names.stream(stream.name),
          subjects: stream.subjects.map(names.subject),
        })),
        consumers.map((consumer) => ({
          ...consumer,
          stream: names.stream(consumer.stream),
          ...(consumer.filterSubject === undefined
            ? {}
            : { filterSubject: names.subject(consumer.filterSubject) }),
        })),
        log,
      )
    },

    async publish(subject, data, publishOptions = {}) {
      try {
        const ack = await js.publish(names.subject(subject), encodeJson(data), {
          ...(publishOptions.messageId === undefined ? {} : { msgID: publishOptions.messageId }),
          ...(publishOptions.headers === undefined
            ? {}
            : { headers: toNatsHeaders(publishOptions.headers) }),
        })
        if (ack.duplicate) log.debug({ subject, messageId: publishOptions.messageId }, 'duplicate')
      } catch (err) {
        if (hasCode(err, ErrorCode.NoResponders)) throw busErrors.noStream(subject)
        throw err
      }
    },

    async consume(spec, handler) {
      const local = { ...spec, stream: names.stream(spec.stream) }
      return track(
        await consumeNats(
          js,
          local,
          (message) => handler({ ...message, subject: names.local(message.subject) }),
          log,
        ),
      )
    },

    async broadcast(subject, data, headers) {
      nc.publish(names.subject(subject), encodeJson(data), { headers: toNatsHeaders(headers) })
    },

    listen(subject, handler) {
      const sub = nc.subscribe(names.subject(subject), {
        callback: (err, msg) => {
          try {
            if (err !== null) throw err
            handler(decodeJson(msg.data), fromNatsHeaders(msg.headers))
          } catch (listenErr) {
            log.error({ err: listenErr, subject }, 'broadcast listener failed')
          }
        },
      })
      return track({ stop: () => sub.drain() })
    },

    async request(subject, data, requestOptions = {}) {
      const timeoutMs = requestOptions.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
      let reply: Msg
      try {
        reply = await nc.request(names.subject(subject), encodeJson(data), {
          timeout: timeoutMs,
          headers: toNatsHeaders(requestOptions.headers),
        })
      } catch (err) {
        if (hasCode(err, ErrorCode.NoResponders)) throw busErrors.noResponders(subject)
        if (hasCode(err, ErrorCode.Timeout)) throw busErrors.requestTimeout(subject, timeoutMs)
        throw err
      }
      const failure = decodeReplyError(fromNatsHeaders(reply.headers))
      if (failure !== undefined) throw failure
      return decodeJson(reply.data)
    },

    reply(subject, handler) {
      const running = new Set<Promise<void>>()
      const answer = async (msg: Msg) => {
        try {
          const result = await handler(decodeJson(msg.data), fromNatsHeaders(msg.headers))
          msg.respond(encodeJson(result))
        } catch (err) {
          log.error({ err, subject }, 'request handler failed')
          msg.respond(encodeJson(undefined), { headers: toNatsHeaders(encodeReplyError(err)) })
        }
      }
      const sub = nc.subscribe(names.subject(subject), {
        queue: REPLY_QUEUE,
        callback: (err, msg) => {
          if (err !== null) {
            log.error({ err, subject }, 'reply subscription failed')
            return
          }
          const run = answer(msg).finally(() => running.delete(run))
          running.add(run)
        },
      })
      return track({
        async stop() {
          await sub.drain()
          await Promise.allSettled(running)
        },
      })
    },

    async isReady() {
      return connected && !nc.isClosed() && !nc.isDraining()
    },

    async close() {
      if (nc.isClosed() || nc.isDraining()) return
      await Promise.all([...subscriptions].map((s) => s.stop()))
      subscriptions.clear()
      await nc.drain()
      log.info('nats connection closed')
    },
  }
}
