import { type FedhubOrm, writeOutbox } from '@fedhub/shared/data'
import { Collaboration, Outbox } from '@fedhub/shared/entities'
import type { EventBus, PublishOptions } from '@fedhub/shared/transports'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/data/index.ts'
import { OutboxRelay } from '../../src/events/outbox-relay.ts'
import { createTestDatabase, DRIVERS, silentLog, type TestDatabase } from './test-db.ts'

interface Published {
  subject: string
  data: unknown
  messageId: string | undefined
}

/** Records publishes and drops repeated message ids, as JetStream's duplicate window does. */
class RecordingBus {
  readonly attempts: Published[] = []
  readonly delivered = new Map<string, Published>()
  /** Throws after recording the publish with this message id (the ack got lost). */
  loseAckFor: string | undefined

  async publish(subject: string, data: unknown, options?: PublishOptions): Promise<void> {
    const message = { subject, data, messageId: options?.messageId }
    this.attempts.push(message)
    const id = options?.messageId ?? String(this.attempts.length)
    if (!this.delivered.has(id)) this.delivered.set(id, message)
    if (id === this.loseAckFor) {
      this.loseAckFor = undefined
      throw new Error('connection lost after publish')
    }
  }

  asBus(): EventBus {
    return this as unknown as EventBus
  }
}

describe.each(DRIVERS)('outbox on %s', (driver) => {
  let db: TestDatabase
  let orm: FedhubOrm

  beforeAll(async () => {
    db = await createTestDatabase(driver)
    orm = await db.open({ poolMax: 10 })
    await runMigrations(orm)
  })
  afterAll(() => db.drop())
  beforeEach(async () => {
    await orm.em.fork().nativeDelete(Outbox, {})
  })

  it('drops rows written in a rolled-back transaction', async () => {
    await expect(
      orm.em.fork().transactional(async (tx) => {
        tx.create(Collaboration, { name: 'doomed' })
        writeOutbox(tx, 'collaboration.created', { name: 'doomed' })
        await tx.flush()
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await orm.em.fork().count(Outbox)).toBe(0)
    expect(await orm.em.fork().count(Collaboration, { name: 'doomed' })).toBe(0)
  })

  it('publishes committed rows once, with the row id as message id', async () => {
    const row = await orm.em
      .fork()
      .transactional(async (tx) =>
        writeOutbox(tx, 'task.created', { taskId: 7 }, { 'x-request-id': 'r1' }),
      )
    const bus = new RecordingBus()
    const relay = new OutboxRelay(orm, bus.asBus(), { log: silentLog })
    expect(await relay.relayOnce()).toBe(1)
    expect(await relay.relayOnce()).toBe(0)
    expect(bus.attempts).toEqual([
      { subject: 'task.created', data: { taskId: 7 }, messageId: String(row.id) },
    ])
    const stored = await orm.em.fork().findOneOrFail(Outbox, row.id)
    expect(stored.publishedAt).toBeInstanceOf(Date)
    expect(stored.attempts).toBe(1)
  })

  it('republishes under the same id when the relay fails between publish and mark', async () => {
    const rows = await orm.em
      .fork()
      .transactional(async (tx) => [
        writeOutbox(tx, 'run.updated', { runId: 1 }),
        writeOutbox(tx, 'run.updated', { runId: 2 }),
      ])
    const bus = new RecordingBus()
    bus.loseAckFor = String(rows[1]?.id)
    const relay = new OutboxRelay(orm, bus.asBus(), { log: silentLog })
    expect(await relay.relayOnce()).toBe(1)
    expect(await relay.relayOnce()).toBe(1)
    expect(bus.attempts.map((m) => m.messageId)).toEqual([
      String(rows[0]?.id),
      String(rows[1]?.id),
      String(rows[1]?.id),
    ])
    expect([...bus.delivered.keys()]).toEqual([String(rows[0]?.id), String(rows[1]?.id)])
    expect(await orm.em.fork().count(Outbox, { publishedAt: null })).toBe(0)
  })

  it('loses nothing when the relay dies after publishing and before marking', async () => {
    const row = await orm.em
      .fork()
      .transactional(async (tx) => writeOutbox(tx, 'node.online', { nodeId: 3 }))
    const bus = new RecordingBus()
    const doomedOrm = await db.open()
    const dying: EventBus = {
      ...bus.asBus(),
      publish: async (subject, data, options) => {
        await bus.publish(subject, data, options)
        // The relay's database session dies, as in a crash, so its mark can never commit. On
        // PostgreSQL that session is the one idle in its transaction while publishing.
        if (driver === 'sqlite') await doomedOrm.close(true)
        else
          await orm.em
            .fork()
            .execute(
              `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and state = 'idle in transaction' and pid <> pg_backend_pid()`,
            )
      },
    }
    await expect(
      new OutboxRelay(doomedOrm, dying, { log: silentLog }).relayOnce(),
    ).rejects.toThrow()
    expect(await orm.em.fork().count(Outbox, { publishedAt: null })).toBe(1)
    const again = new OutboxRelay(orm, bus.asBus(), { log: silentLog })
    expect(await again.relayOnce()).toBe(1)
    expect(bus.attempts.map((m) => m.messageId)).toEqual([String(row.id), String(row.id)])
    expect(bus.delivered.size).toBe(1)
  })

  it('publishes at the commit of a transaction that wrote rows, not at the next poll', async () => {
    const bus = new RecordingBus()
    // A poll interval no test waits for: only the wake at commit can publish in time.
    const relay = new OutboxRelay(orm, bus.asBus(), { log: silentLog, pollIntervalMs: 600_000 })
    relay.start()
    try {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const published = async (count: number) => {
        const deadline = Date.now() + 20_000
        while (bus.delivered.size < count) {
          if (Date.now() > deadline) throw new Error(`${count} rows not published at commit`)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
      await orm.em.fork().transactional(async (tx) => {
        writeOutbox(tx, 'task.created', { taskId: 1 })
        await tx.flush()
        // Flushed but not committed: nothing may be published yet.
        await new Promise((resolve) => setTimeout(resolve, 200))
        expect(bus.delivered.size).toBe(0)
      })
      await published(1)
      const em = orm.em.fork()
      writeOutbox(em, 'task.created', { taskId: 2 })
      await em.flush()
      await published(2)
    } finally {
      await relay.stop()
    }
    expect([...bus.delivered.values()].map((message) => message.data)).toEqual([
      { taskId: 1 },
      { taskId: 2 },
    ])
  })

  it.runIf(driver === 'postgresql')(
    'shares rows between two relays without losing any',
    async () => {
      await orm.em.fork().transactional(async (tx) => {
        for (let i = 0; i < 120; i += 1) writeOutbox(tx, 'task.created', { i })
      })
      const bus = new RecordingBus()
      const slow: EventBus = {
        ...bus.asBus(),
        publish: async (subject, data, options) => {
          await new Promise((resolve) => setTimeout(resolve, 2))
          await bus.publish(subject, data, options)
        },
      }
      const one = new OutboxRelay(orm, slow, { log: silentLog, batchSize: 5, pollIntervalMs: 10 })
      const two = new OutboxRelay(orm, slow, { log: silentLog, batchSize: 5, pollIntervalMs: 10 })
      one.start()
      two.start()
      const deadline = Date.now() + 20_000
      while ((await orm.em.fork().count(Outbox, { publishedAt: null })) > 0) {
        if (Date.now() > deadline) throw new Error('relays did not drain the outbox')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await Promise.all([one.stop(), two.stop()])
      expect(bus.delivered.size).toBe(120)
      // SKIP LOCKED hands each row to one relay, so none is published twice.
      expect(bus.attempts).toHaveLength(120)
    },
  )
})
