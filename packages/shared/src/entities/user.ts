import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'
import type { Authenticatable } from './authenticatable.ts'
import { identityKey, identityView, int, timestamp, varchar, versionColumn } from './columns.ts'
import type { Organization } from './organization.ts'
import type { Role } from './role.ts'
import type { Rule } from './rule.ts'

/**
 * `"user"`. Its `id` is also the foreign key to `authenticatable.id` (upstream's joined-table
 * inheritance): insert and flush the {@link Authenticatable} row first, then create the user
 * with that id, in one transaction.
 */
export class User {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'version'
  id!: number
  /** The identity row with the same id (presence, token version); populate it when needed. */
  authenticatable?: Authenticatable | null
  username?: string | null
  /** bcrypt hash; never leaves the server. */
  password?: string | null
  firstname?: string | null
  lastname?: string | null
  email?: string | null
  organization?: Organization | null
  failedLoginAttempts?: number | null = 0
  lastLoginAttempt?: Date | null
  /** base32 TOTP secret; null until 2FA is set up. */
  otpSecret?: string | null
  lastEmailFailedLoginSent?: Date | null
  lastEmailRecoverPasswordSent?: Date | null
  /** Roles, through the quoted association table `"Permission"`. */
  roles = new Collection<Role>(this)
  /** Extra rules granted directly, through `"UserPermission"`. */
  rules = new Collection<Rule>(this)
  version = 1
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'user',
  properties: {
    id: identityKey(),
    authenticatable: identityView(),
    username: varchar('username', { unique: true }),
    password: varchar('password'),
    firstname: varchar('firstname'),
    lastname: varchar('lastname'),
    email: varchar('email', { unique: true }),
    organization: {
      kind: 'm:1',
      entity: 'Organization',
      fieldName: 'organization_id',
      nullable: true,
    },
    failedLoginAttempts: int('failed_login_attempts'),
    lastLoginAttempt: timestamp('last_login_attempt'),
    otpSecret: varchar('otp_secret', { columnType: 'varchar(32)', length: 32 }),
    lastEmailFailedLoginSent: timestamp('last_email_failed_login_sent'),
    lastEmailRecoverPasswordSent: timestamp('last_email_recover_password_sent'),
    roles: {
      kind: 'm:n',
      entity: 'Role',
      owner: true,
      inversedBy: 'users',
      pivotTable: 'Permission',
      joinColumn: 'user_id',
      inverseJoinColumn: 'role_id',
    },
    rules: {
      kind: 'm:n',
      entity: 'Rule',
      owner: true,
      inversedBy: 'users',
      pivotTable: 'UserPermission',
      joinColumn: 'user_id',
      inverseJoinColumn: 'rule_id',
    },
    version: versionColumn(),
  },
})
