import { EntitySchema, OptionalProps } from '@mikro-orm/core'
import { int, serialId, timestamp, varchar } from './columns.ts'
import type { AuthenticatableType, PresenceStatus } from './enums.ts'

/**
 * The identity row shared by users and nodes (`authenticatable`). Its id is the token `sub`;
 * `"user"` and `node` reuse it as their own primary key, so the two never share an id.
 */
export class Authenticatable {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'tokenVersion'
  id!: number
  type?: AuthenticatableType | null
  /** VPN address of a node. */
  ip?: string | null
  lastSeen?: Date | null
  status?: PresenceStatus | null
  /** fedhub: tokens carry this number; bumping it revokes every token issued before. */
  tokenVersion = 0
}

export const AuthenticatableSchema = new EntitySchema<Authenticatable>({
  class: Authenticatable,
  tableName: 'authenticatable',
  properties: {
    id: serialId(),
    type: varchar('type', { columnType: 'varchar(50)', length: 50 }),
    ip: varchar('ip'),
    lastSeen: timestamp('last_seen'),
    status: varchar('status'),
    tokenVersion: int('token_version', { nullable: false, default: 0 }),
  },
})
