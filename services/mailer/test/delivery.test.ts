import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMailer } from '../src/service.ts'
import { lockoutEvent } from './events.ts'
import {
  captureLogs,
  createStreams,
  drained,
  eventually,
  losingFirstAcks,
  type MailerWorld,
  mailerContext,
  removeSuite,
  type SuiteNames,
  suiteNames,
} from './harness.ts'
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts'

const FAST = { backOff: { baseMs: 20, capMs: 200 } }

describe('mailer delivery', () => {
  let names: SuiteNames
  let sink: SmtpSink
  const worlds: MailerWorld[] = []
  const stops: Array<() => Promise<void>> = []

  beforeEach(async () => {
    names = suiteNames()
    sink = await startSmtpSink()
  })

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop()
    for (const world of worlds.splice(0)) await world.close()
    await sink.close()
    await removeSuite(names)
  })

  async function world() {
    const logs = captureLogs()
    const made = await mailerContext(names, { smtpPort: sink.port, logger: logs.logger })
    worlds.push(made)
    return { ...made, logs }
  }

  async function publishLockouts(w: MailerWorld, count: number) {
    for (let n = 1; n <= count; n++) {
      await w.context.bus.publish(names.subject('account_blocked'), lockoutEvent(n), {
        messageId: `outbox-${n}`,
      })
    }
  }

  it('sends exactly one mail per event published while the mailer was stopped', async () => {
    const w = await world()
    await createStreams(w.context.bus, names)
    await publishLockouts(w, 100)
    const mailer = await createMailer(w.context, { consumer: names.consumer, ...FAST })
    await mailer.start!()
    stops.push(async () => mailer.stop!())

    await eventually(() => (sink.received.length >= 100 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(100)
    const recipients = new Set(sink.received.flatMap((m) => m.to))
    expect(recipients.size).toBe(100)
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(100)
    expect(await w.context.registry.getSingleMetricAsString('fedhub_mail_sent_total')).toMatch(
      /fedhub_mail_sent_total 100/,
    )
  })

  it('retries temporary 4xx refusals with back-off and sends exactly one mail', async () => {
    const w = await world()
    await createStreams(w.context.bus, names)
    sink.policy.temporaryFailures = 3
    const mailer = await createMailer(w.context, { consumer: names.consumer, ...FAST })
    await mailer.start!()
    stops.push(async () => mailer.stop!())
    await publishLockouts(w, 1)

    await eventually(() => (sink.received.length >= 1 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(1)
    expect(sink.refusals()).toBe(3)
    expect(await w.context.registry.getSingleMetricAsString('fedhub_mail_retried_total')).toMatch(
      /fedhub_mail_retried_total 3/,
    )
    expect(w.logs.text()).toContain('mail send failed; will retry')
  })

  it('sends no second mail when the acknowledgement after a send is lost', async () => {
    const w = await world()
    await createStreams(w.context.bus, names)
    const redeliveries = { count: 0 }
    const lossy = { ...w.context, bus: losingFirstAcks(w.context.bus, redeliveries) }
    const mailer = await createMailer(lossy, { consumer: names.consumer, ...FAST })
    await mailer.start!()
    stops.push(async () => mailer.stop!())
    await publishLockouts(w, 3)

    await eventually(() => (redeliveries.count >= 3 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(3)
    expect(w.logs.text()).toContain('mail already sent; repeated delivery skipped')
  })

  it('never sends a mail twice across two replicas, even for repeated events', async () => {
    const a = await world()
    const b = await world()
    await createStreams(a.context.bus, names)
    const redeliveries = { count: 0 }
    const lossyA = { ...a.context, bus: losingFirstAcks(a.context.bus, redeliveries) }
    const replicaA = await createMailer(lossyA, { consumer: names.consumer, ...FAST })
    const replicaB = await createMailer(b.context, { consumer: names.consumer, ...FAST })
    await replicaA.start!()
    await replicaB.start!()
    stops.push(
      async () => replicaA.stop!(),
      async () => replicaB.stop!(),
    )

    // Each event twice under different bus ids (a relay republishing after the dedup window).
    for (let n = 1; n <= 40; n++) {
      for (const copy of ['a', 'b']) {
        await a.context.bus.publish(names.subject('account_blocked'), lockoutEvent(n), {
          messageId: `outbox-${n}-${copy}`,
          headers: { 'fedhub-mail-id': `outbox-${n}` },
        })
      }
    }

    await eventually(() => (sink.received.length >= 40 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(40)
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(40)
  })
})
