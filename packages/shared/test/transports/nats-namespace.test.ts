import { connect } from 'nats'
import { afterEach, describe, expect, it } from 'vitest'
import { createNatsBus, type EventBus } from '../../src/transports/index.ts'
import { NATS_URL, randomId, silentLogger, waitFor } from './support.ts'

describe('NATS namespaces', () => {
  const buses: EventBus[] = []
  const streams: string[] = []
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()))
    const admin = await connect({ servers: NATS_URL })
    const jsm = await admin.jetstreamManager()
    for (const stream of streams.splice(0)) await jsm.streams.delete(stream).catch(() => false)
    await admin.close()
  })

  const open = async (namespace: string) => {
    const bus = await createNatsBus({
      url: NATS_URL,
      name: namespace,
      logger: silentLogger,
      namespace,
    })
    buses.push(bus)
    return bus
  }

  it('keeps two deployments with the same stream, consumer and subject names apart', async () => {
    const id = randomId()
    const [one, two] = [`one${id}`, `two${id}`]
    const [a, b] = [await open(one), await open(two)]
    const stream = { name: 'EVENTS', subjects: ['app.>'] }
    const consumer = { stream: 'EVENTS', durable: 'worker', ackWaitMs: 5_000 }
    for (const bus of [a, b]) await bus.ensureStreams([stream], [consumer])
    streams.push(`${one}_EVENTS`, `${two}_EVENTS`)
    const seen: Record<string, unknown[]> = { a: [], b: [] }
    await a.consume(consumer, async (message) => {
      seen.a?.push([message.subject, message.data])
    })
    await b.consume(consumer, async (message) => {
      seen.b?.push([message.subject, message.data])
    })
    a.reply('rpc.who', async () => 'a')
    b.reply('rpc.who', async () => 'b')
    await a.publish('app.created', 'for a')
    await b.publish('app.created', 'for b')
    await waitFor('both consumers', () => seen.a?.length === 1 && seen.b?.length === 1)
    expect(seen).toEqual({ a: [['app.created', 'for a']], b: [['app.created', 'for b']] })
    expect(await a.request('rpc.who', {})).toBe('a')
    expect(await b.request('rpc.who', {})).toBe('b')
  })
})
