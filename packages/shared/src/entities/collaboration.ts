import { Collection, EntitySchema } from '@mikro-orm/core'
import { bool, serialId, varchar } from './columns.ts'
import type { Node } from './node.ts'
import type { Organization } from './organization.ts'
import type { Study } from './study.ts'

/** `collaboration`; its members live in the quoted association table `"Member"`. */
export class Collaboration {
  id!: number
  name?: string | null
  /** Upstream's ORM default is true. */
  encrypted?: boolean | null = true
  organizations = new Collection<Organization>(this)
  nodes = new Collection<Node>(this)
  studies = new Collection<Study>(this)
}

export const CollaborationSchema = new EntitySchema<Collaboration>({
  class: Collaboration,
  tableName: 'collaboration',
  properties: {
    id: serialId(),
    name: varchar('name', { unique: true }),
    encrypted: bool('encrypted'),
    organizations: {
      kind: 'm:n',
      entity: 'Organization',
      owner: true,
      inversedBy: 'collaborations',
      pivotTable: 'Member',
      joinColumn: 'collaboration_id',
      inverseJoinColumn: 'organization_id',
    },
    nodes: { kind: '1:m', entity: 'Node', mappedBy: 'collaboration' },
    studies: { kind: '1:m', entity: 'Study', mappedBy: 'collaboration' },
  },
})
