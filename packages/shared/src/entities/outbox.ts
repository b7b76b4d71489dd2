import { EntitySchema, OptionalProps } from '@mikro-orm/core'
import { DATE_TYPE } from './columns.ts'

/**
 * fedhub `outbox`: an event written in the same transaction as the change it announces; the
 * relay publishes it with `id` as message id and then sets `publishedAt`.
 */
export class Outbox {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'createdAt' | 'attempts'
  /** bigint, read as a string so it never loses precision. */
  id!: string
  subject!: string
  payload!: unknown
  headers?: Record<string, string> | null
  createdAt: Date = new Date()
  publishedAt?: Date | null
  attempts = 0
}

export const OutboxSchema = new EntitySchema<Outbox>({
  class: Outbox,
  tableName: 'outbox',
  indexes: [{ name: 'outbox_unpublished_index', properties: ['publishedAt', 'id'] }],
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true, fieldName: 'id' },
    subject: { type: 'string', fieldName: 'subject' },
    payload: { type: 'json', fieldName: 'payload' },
    headers: { type: 'json', fieldName: 'headers', nullable: true },
    // `DATE_TYPE`, not `'datetime'`: see there why loaded timestamps would otherwise look changed.
    createdAt: { type: DATE_TYPE, fieldName: 'created_at' },
    publishedAt: { type: DATE_TYPE, fieldName: 'published_at', nullable: true },
    attempts: { type: 'integer', fieldName: 'attempts', default: 0 },
  },
})
