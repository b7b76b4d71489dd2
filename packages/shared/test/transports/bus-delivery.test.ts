import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type BusMessage,
  type ConsumerSpec,
  type EventBus,
  TerminateMessage,
} from '../../src/transports/index.ts'
import { type BusPair, busFixtures, testNames } from './bus-fixtures.ts'
import { gate, pause, waitFor } from './support.ts'

describe.each(busFixtures)('event bus delivery ($name)', (fixture) => {
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

  it('delivers a published message once and does not redeliver it after the ack', async () => {
    const spec = await setUp({ ackWaitMs: 300 })
    const seen: BusMessage[] = []
    await bus.consume(spec, async (message) => {
      seen.push(message)
    })
    await bus.publish(
      `${names.subject}.created`,
      { id: 7, name: 'x' },
      {
        headers: { 'x-request-id': 'req-12345678' },
      },
    )
    await waitFor('the delivery', () => seen.length === 1)
    expect(seen[0]).toMatchObject({
      subject: `${names.subject}.created`,
      data: { id: 7, name: 'x' },
      headers: { 'x-request-id': 'req-12345678' },
      deliveryCount: 1,
    })
    await pause(900)
    expect(seen).toHaveLength(1)
  })

  it('redelivers a message whose handler threw, after the retry delay', async () => {
    const spec = await setUp({ retryDelayMs: 200 })
    const counts: number[] = []
    const times: number[] = []
    await bus.consume(spec, async (message) => {
      counts.push(message.deliveryCount)
      times.push(Date.now())
      if (message.deliveryCount === 1) throw new Error('try again')
    })
    await bus.publish(`${names.subject}.created`, { id: 1 })
    await waitFor('the redelivery', () => counts.length === 2)
    expect(counts).toEqual([1, 2])
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(150)
  })

  it('redelivers a message not acknowledged within the ack wait', async () => {
    const spec = await setUp({ ackWaitMs: 500, maxInFlight: 2 })
    const counts: number[] = []
    const stuck = gate()
    gates.push(stuck.open)
    await bus.consume(spec, async (message) => {
      counts.push(message.deliveryCount)
      if (message.deliveryCount === 1) await stuck.promise
    })
    await bus.publish(`${names.subject}.created`, { id: 1 })
    await waitFor('the redelivery', () => counts.length === 2)
    expect(counts).toEqual([1, 2])
  })

  it('does not redeliver while the handler reports working()', async () => {
    const spec = await setUp({ ackWaitMs: 500, maxInFlight: 2 })
    let deliveries = 0
    let finished = false
    await bus.consume(spec, async (message) => {
      deliveries++
      // Three times the ack wait in all, reporting progress well inside each window.
      for (let i = 0; i < 10; i++) {
        await pause(150)
        message.working()
      }
      finished = true
    })
    await bus.publish(`${names.subject}.created`, { id: 1 })
    await waitFor('the slow handler', () => finished)
    await pause(1_000)
    expect(deliveries).toBe(1)
  })

  it('drops a message for good when the handler throws TerminateMessage', async () => {
    const spec = await setUp({ ackWaitMs: 300 })
    const seen: unknown[] = []
    await bus.consume(spec, async (message) => {
      seen.push(message.data)
      if (message.data === 'poison') throw new TerminateMessage('cannot be handled')
    })
    await bus.publish(`${names.subject}.created`, 'poison')
    await bus.publish(`${names.subject}.created`, 'fine')
    await waitFor('the second message', () => seen.includes('fine'))
    await pause(900)
    expect(seen).toEqual(['poison', 'fine'])
  })

  it('drops a second publish with the same message id', async () => {
    const spec = await setUp()
    const seen: unknown[] = []
    await bus.consume(spec, async (message) => {
      seen.push(message.data)
    })
    await bus.publish(`${names.subject}.created`, 'first', { messageId: 'outbox-1' })
    await bus.publish(`${names.subject}.created`, 'again', { messageId: 'outbox-1' })
    await bus.publish(`${names.subject}.created`, 'second', { messageId: 'outbox-2' })
    await waitFor('the second message', () => seen.includes('second'))
    await pause(300)
    expect(seen).toEqual(['first', 'second'])
  })

  it('splits a durable between two consumers, each message going to one of them', async () => {
    const spec = await setUp()
    const byA: number[] = []
    const byB: number[] = []
    const slowly = (into: number[]) => async (message: BusMessage) => {
      into.push(message.data as number)
      await pause(5)
    }
    await pair.a.consume(spec, slowly(byA))
    await pair.b.consume(spec, slowly(byB))
    for (let i = 0; i < 50; i++) await pair.a.publish(`${names.subject}.n`, i)
    await waitFor('all 50 messages', () => byA.length + byB.length >= 50)
    await pause(300)
    const all = [...byA, ...byB].sort((x, y) => x - y)
    expect(all).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(byA.length).toBeGreaterThan(0)
    expect(byB.length).toBeGreaterThan(0)
  })
})
