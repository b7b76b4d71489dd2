import { dialectOf, type FedhubEntityManager, type FedhubOrm, LockMode } from '@fedhub/shared/data'
import { Outbox } from '@fedhub/shared/entities'
import type { Logger } from '@fedhub/shared/logging'
import type { EventBus } from '@fedhub/shared/transports'

export interface OutboxRelayOptions {
  log: Logger
  /** Rows taken per round; small, because PostgreSQL keeps them locked while publishing. */
  batchSize?: number
  /** Pause after a round that found less than a full batch. */
  pollIntervalMs?: number
}

/**
 * Publishes outbox rows to the event bus with the row id as message id, then marks them
 * published. Delivery is at least once: a relay that dies after publishing and before marking
 * leaves the row unmarked, and the next round publishes it again under the same id, which the
 * bus drops as a duplicate. On PostgreSQL several replicas share the work through
 * `FOR UPDATE SKIP LOCKED`; on SQLite (standalone, one process) rows are read plainly.
 *
 * @example
 * const relay = new OutboxRelay(orm, bus, { log })
 * relay.start()
 * await relay.stop()
 */
export class OutboxRelay {
  readonly #orm: FedhubOrm
  readonly #bus: EventBus
  readonly #log: Logger
  readonly #batchSize: number
  readonly #pollIntervalMs: number
  #running: Promise<void> | undefined
  #stopping = false
  #wake: (() => void) | undefined
  /** A wake that came during a round: the round may have read before that commit. */
  #wokenWhileBusy = false
  #subscribed = false

  constructor(orm: FedhubOrm, bus: EventBus, options: OutboxRelayOptions) {
    this.#orm = orm
    this.#bus = bus
    this.#log = options.log.child({ component: 'outbox-relay' })
    this.#batchSize = options.batchSize ?? 20
    this.#pollIntervalMs = options.pollIntervalMs ?? 250
  }

  /**
   * Starts relaying in the background until {@link stop}: at once after a transaction of this
   * process that wrote outbox rows commits, and every poll interval for rows written elsewhere.
   */
  start(): void {
    if (this.#running !== undefined) return
    this.#stopping = false
    this.#wakeOnOutboxCommits()
    this.#running = this.#loop()
  }

  /** Runs the next round now instead of at the end of the poll interval. */
  wake(): void {
    if (this.#wake === undefined) this.#wokenWhileBusy = true
    else this.#wake()
  }

  /** Stops polling and waits for the round in flight. */
  async stop(): Promise<void> {
    this.#stopping = true
    this.#wake?.()
    await this.#running
    this.#running = undefined
  }

  /** Runs one round; answers how many rows it published. */
  async relayOnce(): Promise<number> {
    const em = this.#orm.em.fork()
    if (dialectOf(em) === 'sqlite') {
      // The single SQLite connection must not be held while publishing: a consumer of the
      // in-process bus may need it before publish resolves.
      const rows = await this.#pending(em, false)
      const published = await this.#publish(rows)
      await em.flush()
      return published
    }
    return em.transactional(async (tx) => {
      const rows = await this.#pending(tx, true)
      const published = await this.#publish(rows)
      await tx.flush()
      return published
    })
  }

  async #loop(): Promise<void> {
    while (!this.#stopping) {
      let count = 0
      try {
        count = await this.relayOnce()
      } catch (error) {
        this.#log.error({ err: error }, 'outbox relay round failed')
      }
      if (count < this.#batchSize && !this.#stopping) await this.#sleep()
    }
  }

  #sleep(): Promise<void> {
    if (this.#wokenWhileBusy) {
      this.#wokenWhileBusy = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#wake = undefined
        resolve()
      }
      const timer = setTimeout(done, this.#pollIntervalMs)
      this.#wake = done
    })
  }

  // Rows become visible to the relay at commit, not at flush: the flush marks, the commit wakes.
  // Transactions interleave, so a wake may come early for another one's rows; that round finds
  // nothing new and the rows wait at most one poll interval, as without the wake.
  #wakeOnOutboxCommits(): void {
    if (this.#subscribed) return
    this.#subscribed = true
    let written = false
    this.#orm.em.getEventManager().registerSubscriber({
      getSubscribedEntities: () => [Outbox],
      afterCreate: () => {
        written = true
      },
      afterTransactionCommit: () => {
        if (!written || this.#running === undefined) return
        written = false
        this.wake()
      },
    })
  }

  #pending(em: FedhubEntityManager, lock: boolean): Promise<Outbox[]> {
    return em.find(
      Outbox,
      { publishedAt: null },
      {
        orderBy: { id: 'asc' },
        limit: this.#batchSize,
        ...(lock ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
      },
    )
  }

  // Stops at the first failure so events leave in order; later rows wait for the next round.
  // Marks are flushed by the caller, in the transaction that holds the row locks.
  async #publish(rows: Outbox[]): Promise<number> {
    const now = new Date()
    let published = 0
    for (const row of rows) {
      row.attempts += 1
      try {
        await this.#bus.publish(row.subject, row.payload, {
          messageId: String(row.id),
          headers: row.headers ?? {},
        })
      } catch (error) {
        this.#log.warn({ err: error, outboxId: row.id, subject: row.subject }, 'publish failed')
        break
      }
      row.publishedAt = now
      published += 1
    }
    return published
  }
}
