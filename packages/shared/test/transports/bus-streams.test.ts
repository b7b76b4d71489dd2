import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsumerSpec, EventBus } from '../../src/transports/index.ts'
import { type BusPair, busFixtures, testNames } from './bus-fixtures.ts'
import { gate, pause, waitFor } from './support.ts'

describe.each(busFixtures)('event bus streams and consumers ($name)', (fixture) => {
  let pair: BusPair
  let bus: EventBus
  let names: ReturnType<typeof testNames>
  const gates: Array<() => void> = []

  beforeEach(async () => {
    pair = await fixture.open()
    bus = pair.a
    names = testNames()
  })

  afterEach(async () => {
    for (const open of gates.splice(0)) open()
    await pair.close([names.stream])
  })

  async function setUp(overrides: Partial<ConsumerSpec> = {}): Promise<ConsumerSpec> {
    const consumer: ConsumerSpec = {
      stream: names.stream,
      durable: names.durable,
      ackWaitMs: 5_000,
      retryDelayMs: 100,
      ...overrides,
    }
    await bus.ensureStreams(
      [{ name: names.stream, subjects: [`${names.subject}.>`], duplicateWindowMs: 60_000 }],
      [consumer],
    )
    return consumer
  }

  it('keeps messages published before anyone consumes, until they are acked', async () => {
    const spec = await setUp()
    await bus.publish(`${names.subject}.early`, { early: true })
    const seen: unknown[] = []
    await bus.consume(spec, async (message) => {
      seen.push(message.data)
    })
    await waitFor('the early message', () => seen.length === 1)
    expect(seen).toEqual([{ early: true }])
  })

  it('stops delivering after stop(), and another consumer takes over', async () => {
    const spec = await setUp()
    const first: unknown[] = []
    const subscription = await bus.consume(spec, async (message) => {
      first.push(message.data)
    })
    await subscription.stop()
    await bus.publish(`${names.subject}.later`, 'later')
    const second: unknown[] = []
    await pair.b.consume(spec, async (message) => {
      second.push(message.data)
    })
    await waitFor('the other consumer', () => second.length === 1)
    expect(first).toEqual([])
  })

  it('delivers only the subjects a filtered consumer asks for', async () => {
    const spec = await setUp({ filterSubject: `${names.subject}.wanted` })
    const seen: string[] = []
    await bus.consume(spec, async (message) => {
      seen.push(message.subject)
    })
    await bus.publish(`${names.subject}.other`, 1)
    await bus.publish(`${names.subject}.wanted`, 2)
    await waitFor('the wanted message', () => seen.length === 1)
    await pause(300)
    expect(seen).toEqual([`${names.subject}.wanted`])
  })

  it('refuses to publish on a subject no stream takes', async () => {
    await setUp()
    await expect(bus.publish(`${names.subject}x.nothing`, 1)).rejects.toMatchObject({
      code: 'bus.no_stream',
    })
  })

  it('refuses to consume from a durable that was never created', async () => {
    await setUp()
    const spec: ConsumerSpec = { stream: names.stream, durable: 'missing', ackWaitMs: 1_000 }
    await expect(bus.consume(spec, async () => {})).rejects.toMatchObject({
      code: 'bus.unknown_consumer',
    })
  })

  it('ensures streams and consumers idempotently and applies changes', async () => {
    await setUp()
    await setUp()
    const spec = await setUp({ ackWaitMs: 400 })
    const counts: number[] = []
    const stuck = gate()
    gates.push(stuck.open)
    await bus.consume({ ...spec, maxInFlight: 2 }, async (message) => {
      counts.push(message.deliveryCount)
      if (message.deliveryCount === 1) await stuck.promise
    })
    await bus.publish(`${names.subject}.created`, 1)
    // The new ack wait (400 ms, not 5 s) is what brings the message back this soon.
    await waitFor('the redelivery', () => counts.length === 2, { timeoutMs: 3_000 })
  })
})
