import { connect } from 'nats'
import { createInProcessBus, createNatsBus, type EventBus } from '../../src/transports/index.ts'
import { NATS_URL, randomId, silentLogger } from './support.ts'

/** Two handles on one broker: two connections for NATS, the same bus twice in process. */
export interface BusPair {
  a: EventBus
  b: EventBus
  /** Closes both buses and deletes the streams the test created. */
  close(streams: string[]): Promise<void>
}

export interface BusFixture {
  name: string
  open(): Promise<BusPair>
}

async function openNats(): Promise<BusPair> {
  const a = await createNatsBus({ url: NATS_URL, name: 'contract-a', logger: silentLogger })
  const b = await createNatsBus({ url: NATS_URL, name: 'contract-b', logger: silentLogger })
  return {
    a,
    b,
    async close(streams) {
      await Promise.all([a.close(), b.close()])
      const admin = await connect({ servers: NATS_URL })
      const jsm = await admin.jetstreamManager()
      for (const stream of streams) await jsm.streams.delete(stream).catch(() => false)
      await admin.close()
    },
  }
}

async function openInProcess(): Promise<BusPair> {
  const bus = createInProcessBus({ logger: silentLogger })
  return { a: bus, b: bus, close: () => bus.close() }
}

export const busFixtures: BusFixture[] = [
  { name: 'nats', open: openNats },
  { name: 'in-process', open: openInProcess },
]

/** Fresh names for one test, so parallel tests and leftovers never meet. */
export function testNames() {
  const id = randomId()
  return { stream: `T_${id}`, subject: `t${id}`, durable: `d_${id}` }
}
