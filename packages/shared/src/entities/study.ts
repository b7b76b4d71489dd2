import { Collection, EntitySchema } from '@mikro-orm/core'
import type { Collaboration } from './collaboration.ts'
import { serialId, varchar } from './columns.ts'
import type { Organization } from './organization.ts'

/** `study`: a subset of a collaboration's organizations; members in `"StudyMember"`. */
export class Study {
  id!: number
  /** Unique across all collaborations. */
  name?: string | null
  collaboration?: Collaboration | null
  organizations = new Collection<Organization>(this)
}

export const StudySchema = new EntitySchema<Study>({
  class: Study,
  tableName: 'study',
  properties: {
    id: serialId(),
    name: varchar('name', { unique: true }),
    collaboration: {
      kind: 'm:1',
      entity: 'Collaboration',
      fieldName: 'collaboration_id',
      nullable: true,
    },
    organizations: {
      kind: 'm:n',
      entity: 'Organization',
      owner: true,
      inversedBy: 'studies',
      pivotTable: 'StudyMember',
      joinColumn: 'study_id',
      inverseJoinColumn: 'organization_id',
    },
  },
})
