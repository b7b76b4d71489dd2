import { Collection, EntitySchema } from '@mikro-orm/core'
import { serialId, text, varchar } from './columns.ts'
import { OPERATIONS, type Operation, SCOPES, type Scope } from './enums.ts'
import type { Role } from './role.ts'
import type { User } from './user.ts'

/** `rule`: one (resource, scope, operation) permission; never deleted or renamed. */
export class Rule {
  id!: number
  /** The resource name, e.g. `task`. */
  name?: string | null
  operation?: Operation | null
  scope?: Scope | null
  description?: string | null
  roles = new Collection<Role>(this)
  users = new Collection<User>(this)
}

export const RuleSchema = new EntitySchema<Rule>({
  class: Rule,
  tableName: 'rule',
  properties: {
    id: serialId(),
    name: text('name'),
    // Native PostgreSQL enums named as upstream's; SQLite stores the names as text.
    operation: {
      enum: true,
      items: [...OPERATIONS],
      nativeEnumName: 'operation',
      fieldName: 'operation',
      nullable: true,
    },
    scope: {
      enum: true,
      items: [...SCOPES],
      nativeEnumName: 'scope',
      fieldName: 'scope',
      nullable: true,
    },
    description: varchar('description'),
    roles: { kind: 'm:n', entity: 'Role', mappedBy: 'rules' },
    users: { kind: 'm:n', entity: 'User', mappedBy: 'rules' },
  },
})
