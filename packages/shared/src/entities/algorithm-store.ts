import { EntitySchema } from '@mikro-orm/core'
import type { Collaboration } from './collaboration.ts'
import { serialId, varchar } from './columns.ts'

/** `algorithmstore`; no collaboration means available to all collaborations. */
export class AlgorithmStore {
  id!: number
  name?: string | null
  /** Includes the store's API path (since 4.8). */
  url?: string | null
  collaboration?: Collaboration | null
}

export const AlgorithmStoreSchema = new EntitySchema<AlgorithmStore>({
  class: AlgorithmStore,
  tableName: 'algorithmstore',
  properties: {
    id: serialId(),
    name: varchar('name'),
    url: varchar('url'),
    collaboration: {
      kind: 'm:1',
      entity: 'Collaboration',
      fieldName: 'collaboration_id',
      nullable: true,
    },
  },
})
