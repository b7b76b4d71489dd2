import { Outbox } from '../entities/index.ts'
import type { MessageHeaders } from '../transports/index.ts'
import type { FedhubEntityManager } from './create-orm.ts'

/**
 * Queues an event in the outbox as part of the caller's unit of work: it is written by the same
 * flush (and so the same transaction) as the change it announces, and vanishes with a rollback.
 * The outbox relay publishes it later with the row id as message id.
 *
 * @example
 * await em.transactional(async (tx) => {
 *   tx.persist(task)
 *   writeOutbox(tx, 'task.created', { taskId: task.id })
 * })
 */
export function writeOutbox(
  em: FedhubEntityManager,
  subject: string,
  payload: unknown,
  headers?: MessageHeaders,
): Outbox {
  const row = em.create(Outbox, {
    subject,
    payload,
    headers: headers ?? null,
    createdAt: new Date(),
    attempts: 0,
  })
  em.persist(row)
  return row
}
