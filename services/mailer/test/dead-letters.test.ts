import type { BusMessage } from '@fedhub/shared/transports'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeadLetter } from '../src/consumers/dead-letters.ts'
import { replayDeadLetters } from '../src/consumers/replay-dead-letters.ts'
import { createMailer } from '../src/service.ts'
import { lockoutEvent, resetEvent } from './events.ts'
import {
  captureLogs,
  createStreams,
  drained,
  eventually,
  type MailerWorld,
  mailerContext,
  removeSuite,
  type SuiteNames,
  suiteNames,
} from './harness.ts'
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts'

const TOKEN = 'reset-token-Zx81-never-logged'

describe('mailer dead letters', () => {
  let names: SuiteNames
  let sink: SmtpSink
  let world: MailerWorld
  const stops: Array<() => Promise<void>> = []

  beforeEach(async () => {
    names = suiteNames()
    sink = await startSmtpSink()
  })

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop()
    await world.close()
    await sink.close()
    await removeSuite(names)
  })

  it('parks permanent refusals and malformed events, and replay sends them once fixed', async () => {
    const logs = captureLogs()
    world = await mailerContext(names, { smtpPort: sink.port, logger: logs.logger })
    const { bus } = world.context
    await createStreams(bus, names)
    // A watcher of the dead-letter subject, on its own durable.
    const watch = {
      stream: names.deadStream.name,
      durable: 'watch',
      filterSubject: names.deadLetterSubject,
      ackWaitMs: 10_000,
    }
    await bus.ensureStreams([], [watch])
    const letters: DeadLetter[] = []
    const watching = await bus.consume(watch, async (message: BusMessage) => {
      if ((message.data as { replayMarker?: string }).replayMarker === undefined) {
        letters.push(message.data as DeadLetter)
      }
    })
    stops.push(() => watching.stop())
    const mailer = await createMailer(world.context, {
      consumer: names.consumer,
      deadLetterSubject: names.deadLetterSubject,
      backOff: { baseMs: 20, capMs: 200 },
    })
    await mailer.start!()
    stops.push(async () => mailer.stop!())

    sink.policy.permanent = true
    await bus.publish(names.subject('reset_token'), resetEvent(7, TOKEN), { messageId: 'outbox-7' })
    await bus.publish(
      names.subject('account_blocked'),
      { ...lockoutEvent(8), allowed_attempts: 'five' },
      { messageId: 'outbox-8' },
    )

    await eventually(() => (letters.length >= 2 ? true : undefined))
    await drained(names)
    const rejected = letters.find((l) => l.kind === 'rejected')
    const malformed = letters.find((l) => l.kind === 'malformed')
    expect(rejected).toMatchObject({
      subject: names.subject('reset_token'),
      mailId: 'outbox-7',
      replays: 0,
    })
    expect(rejected?.reason).toContain('550')
    expect(malformed).toMatchObject({ mailId: 'outbox-8', replays: 0 })
    expect(malformed?.reason).toContain('/allowed_attempts must be integer')
    expect(sink.received).toHaveLength(0)
    expect(logs.text()).toContain('malformed mail event parked on the dead-letter subject')
    expect(logs.text()).toContain('/allowed_attempts must be integer')
    expect(
      await world.context.registry.getSingleMetricAsString('fedhub_mail_dead_lettered_total'),
    ).toMatch(
      /kind="rejected"} 1[\s\S]*kind="malformed"} 1|kind="malformed"} 1[\s\S]*kind="rejected"} 1/,
    )

    // The SMTP server takes mail again; replay republishes both letters.
    sink.policy.permanent = false
    const first = await replayDeadLetters(bus, {
      logger: logs.logger,
      deadStream: names.deadStream,
      deadLetterSubject: names.deadLetterSubject,
    })
    expect(first).toEqual({ replayed: 2, dropped: 0 })
    await eventually(() => (sink.received.length >= 1 && letters.length >= 3 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(1)
    expect(sink.received[0]?.raw).toContain(TOKEN)
    // Still malformed, so parked again, counted as replayed once.
    expect(letters[2]).toMatchObject({ kind: 'malformed', mailId: 'outbox-8', replays: 1 })

    // A second replay takes only what was parked since; the sent mail does not go out again.
    // A letter parked while the first replay was stopping may come a few seconds later.
    let again = 0
    await eventually(async () => {
      const result = await replayDeadLetters(bus, {
        logger: logs.logger,
        deadStream: names.deadStream,
        deadLetterSubject: names.deadLetterSubject,
      })
      again += result.replayed
      return again > 0 ? true : undefined
    })
    expect(again).toBe(1)
    await eventually(() => (letters.length >= 4 ? true : undefined))
    await drained(names)
    expect(sink.received).toHaveLength(1)
    expect(logs.text()).not.toContain(TOKEN)
  })
})
