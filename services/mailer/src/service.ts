import { join } from 'node:path'
import { CONSUMERS, MAIL_DEAD_LETTER_SUBJECT } from '@fedhub/shared/events'
import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'
import type { ConsumerSpec, Subscription } from '@fedhub/shared/transports'
import type { BackOff } from './consumers/back-off.ts'
import { createMailHandler } from './consumers/mail-handler.ts'
import { createMailKeys } from './consumers/mail-keys.ts'
import { createMailMetrics } from './consumers/mail-metrics.ts'
import { createEmlTransport } from './transport/eml-transport.ts'
import type { MailTransport } from './transport/mail-transport.ts'
import { createSmtpTransport } from './transport/smtp-transport.ts'

const DAY_MS = 24 * 60 * 60_000

export interface MailerOptions {
  /** The durable to consume; the catalogue's `mailer` consumer unless a test names its own. */
  consumer?: ConsumerSpec
  deadLetterSubject?: string
  /** Mails sent at once by this replica (and SMTP connections in the pool). */
  concurrency?: number
  backOff?: BackOff
  /** How long a sent mail's key is kept; two days outlasts the mail stream's one-day limit. */
  sentKeyTtlMs?: number
}

function defaultConsumer(): ConsumerSpec {
  const spec = CONSUMERS.find((c) => c.durable === 'mailer')
  if (spec === undefined) throw new Error('the event catalogue has no mailer consumer')
  return spec
}

/**
 * mailer: turns mail events from the bus into mails, over SMTP when `smtp` is configured and
 * as `.eml` files in `<dataDir>/mail/` otherwise (standalone).
 */
export async function createMailer(
  context: ServiceContext,
  options: MailerOptions = {},
): Promise<ServiceModule> {
  const { config, logger: baseLogger } = context
  const logger = baseLogger.child({ component: 'mailer' })
  const consumer = options.consumer ?? defaultConsumer()
  const concurrency = options.concurrency ?? 5
  const smtp = config.smtp
  // Made at each start, because a stopped pool cannot send again.
  const openTransport = (): MailTransport =>
    smtp === undefined
      ? createEmlTransport(join(config.dataDir, 'mail'))
      : createSmtpTransport(smtp, { maxConnections: concurrency })
  let transport = openTransport()
  if (smtp !== undefined) {
    context.readiness.push({ name: 'smtp', check: () => transport.verify() })
  }
  let closed: MailTransport | undefined
  let subscription: Subscription | undefined
  let stopping = new AbortController()

  const handlerFor = (signal: AbortSignal) =>
    createMailHandler({
      bus: context.bus,
      transport,
      keys: createMailKeys(context.kv, {
        claimTtlMs: consumer.ackWaitMs,
        sentTtlMs: options.sentKeyTtlMs ?? 2 * DAY_MS,
      }),
      metrics: createMailMetrics(context.registry),
      logger,
      settings: { supportEmail: config.raw.support_email },
      deadLetterSubject: options.deadLetterSubject ?? MAIL_DEAD_LETTER_SUBJECT,
      backOff: options.backOff ?? { baseMs: 5_000, capMs: 5 * 60_000 },
      heartbeatMs: Math.max(50, Math.min(30_000, Math.floor(consumer.ackWaitMs / 3))),
      stopping: signal,
    })

  return {
    name: 'mailer',

    async start() {
      stopping = new AbortController()
      if (subscription === undefined && transport === closed) transport = openTransport()
      subscription = await context.bus.consume(
        { ...consumer, maxInFlight: concurrency },
        handlerFor(stopping.signal),
      )
      logger.info(
        { durable: consumer.durable, via: config.smtp === undefined ? 'eml files' : 'smtp' },
        'mailer consuming',
      )
    },

    async stop() {
      // Cuts back-off waits short; those messages go back to the stream for the next start.
      stopping.abort()
      await subscription?.stop()
      subscription = undefined
      transport.close()
      closed = transport
    },
  }
}
