import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'
import { bool, serialId, text, versionColumn } from './columns.ts'
import type { Organization } from './organization.ts'
import type { Rule } from './rule.ts'
import type { User } from './user.ts'

/** `role`: a named set of rules; built-in roles have no organization. */
export class Role {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'version'
  id!: number
  name?: string | null
  description?: string | null
  organization?: Organization | null
  /** NULL in rows older than 4.3.0; the first migration settles those. */
  isDefaultRole?: boolean | null = false
  /** Through `role_rule_association`. */
  rules = new Collection<Rule>(this)
  users = new Collection<User>(this)
  version = 1
}

export const RoleSchema = new EntitySchema<Role>({
  class: Role,
  tableName: 'role',
  properties: {
    id: serialId(),
    name: text('name'),
    description: text('description'),
    organization: {
      kind: 'm:1',
      entity: 'Organization',
      fieldName: 'organization_id',
      nullable: true,
    },
    isDefaultRole: bool('is_default_role'),
    rules: {
      kind: 'm:n',
      entity: 'Rule',
      owner: true,
      inversedBy: 'roles',
      pivotTable: 'role_rule_association',
      joinColumn: 'role_id',
      inverseJoinColumn: 'rule_id',
    },
    users: { kind: 'm:n', entity: 'User', mappedBy: 'roles' },
    version: versionColumn(),
  },
})
