import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FedhubConfig } from '@fedhub/shared/config'
import { createMetricsRegistry } from '@fedhub/shared/http'
import { createLogger } from '@fedhub/shared/logging'
import type { ServiceContext } from '@fedhub/shared/runtime'
import { testConfig } from '@fedhub/shared/testing'
import {
  type ConsumerSpec,
  createNatsBus,
  createRedisStore,
  type EventBus,
  type StreamSpec,
} from '@fedhub/shared/transports'
import { Redis } from 'ioredis'
import { connect } from 'nats'

export const REDIS_URL = 'redis://127.0.0.1:6379'
export const NATS_URL = 'nats://127.0.0.1:4222'

/**
 * One test's own streams, durable, dead-letter subject and Redis prefix, so no case sees another
 * suite's mail events (the catalogue's FEDHUB_MAIL is never touched).
 */
export function suiteNames() {
  const id = randomBytes(5).toString('hex')
  const prefix = `mt${id}`
  const mailStream: StreamSpec = {
    name: `MAILTEST_${id}`,
    subjects: [`${prefix}.mail.>`],
    maxAgeMs: 60 * 60_000,
    duplicateWindowMs: 60_000,
  }
  const deadStream: StreamSpec = { name: `MAILDEAD_${id}`, subjects: [`${prefix}.dead.>`] }
  const consumer: ConsumerSpec = {
    stream: mailStream.name,
    durable: 'mailer',
    ackWaitMs: 10_000,
    retryDelayMs: 50,
  }
  return {
    prefix,
    mailStream,
    deadStream,
    consumer,
    deadLetterSubject: `${prefix}.dead.mail`,
    subject: (kind: 'account_blocked' | 'reset_token' | 'password_reset_notice') =>
      `${prefix}.mail.${kind}`,
    kvPrefix: `mailtest:${id}:`,
  }
}

export type SuiteNames = ReturnType<typeof suiteNames>

/** Collects every log line, so tests can check what was (and was not) logged. */
export function captureLogs() {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'))
      done()
    },
  })
  const logger = createLogger({ level: 'debug', service: 'mailer-test' }, sink)
  return { logger, lines, text: () => lines.join('') }
}

export interface MailerWorld {
  context: ServiceContext
  close(): Promise<void>
}

/** A mailer's context on the real NATS and Redis, with SMTP on the given port or none. */
export async function mailerContext(
  names: SuiteNames,
  options: { smtpPort?: number; dataDir?: string; logger: ServiceContext['logger'] },
): Promise<MailerWorld> {
  const base = testConfig(options.dataDir === undefined ? {} : { FEDHUB_DATA_DIR: options.dataDir })
  const config: FedhubConfig = {
    ...base,
    raw: { ...base.raw, support_email: 'help@fedhub.test' },
    smtp:
      options.smtpPort === undefined
        ? undefined
        : {
            host: '127.0.0.1',
            port: options.smtpPort,
            username: '',
            password: '',
            startTls: false,
            implicitTls: false,
            from: 'noreply@fedhub.test',
          },
  }
  const bus = await createNatsBus({ url: NATS_URL, name: 'mailer-test', logger: options.logger })
  const kv = createRedisStore({ url: REDIS_URL, keyPrefix: names.kvPrefix, logger: options.logger })
  const context: ServiceContext = {
    config,
    logger: options.logger,
    bus,
    kv,
    registry: createMetricsRegistry(),
    publicKeys: undefined,
    readiness: [{ name: 'bus', check: () => bus.isReady() }],
    openOrm: () => Promise.reject(new Error('the mailer has no database')),
  }
  return {
    context,
    async close() {
      await bus.close()
      await kv.close()
    },
  }
}

/** Creates the suite's streams and its mailer durable. */
export async function createStreams(bus: EventBus, names: SuiteNames): Promise<void> {
  await bus.ensureStreams([names.mailStream, names.deadStream], [names.consumer])
}

/** Deletes what a suite created: its streams (and with them their durables) and Redis keys. */
export async function removeSuite(names: SuiteNames): Promise<void> {
  const nc = await connect({ servers: NATS_URL })
  try {
    const jsm = await nc.jetstreamManager()
    for (const stream of [names.mailStream, names.deadStream]) {
      await jsm.streams.delete(stream.name).catch(() => false)
    }
  } finally {
    await nc.close()
  }
  const redis = new Redis(REDIS_URL)
  try {
    const keys = await redis.keys(`${names.kvPrefix}*`)
    if (keys.length > 0) await redis.del(...keys)
  } finally {
    redis.disconnect()
  }
}

/** Waits until `probe` answers something other than `undefined`, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Waits until the suite's durable has nothing pending or unacknowledged. */
export async function drained(names: SuiteNames, timeoutMs = 20_000): Promise<void> {
  const nc = await connect({ servers: NATS_URL })
  try {
    const jsm = await nc.jetstreamManager()
    await eventually(async () => {
      const info = await jsm.consumers.info(names.consumer.stream, names.consumer.durable)
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined
    }, timeoutMs)
  } finally {
    await nc.close()
  }
}

/** A bus whose first acknowledgement of each message is lost: the handler runs, then JetStream delivers again. */
export function losingFirstAcks(bus: EventBus, redeliveries: { count: number }): EventBus {
  return {
    ...bus,
    consume: (spec, handler) =>
      bus.consume(spec, async (message) => {
        await handler(message)
        if (message.deliveryCount > 1) redeliveries.count++
        else throw new Error('ack lost on the way to the server')
      }),
  }
}
