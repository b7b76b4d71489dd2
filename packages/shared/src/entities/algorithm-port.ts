import { EntitySchema } from '@mikro-orm/core'
import { int, serialId, varchar } from './columns.ts'
import type { Run } from './run.ts'

/** `algorithmport`: a VPN port of a running algorithm. */
export class AlgorithmPort {
  id!: number
  port?: number | null
  run?: Run | null
  label?: string | null
}

export const AlgorithmPortSchema = new EntitySchema<AlgorithmPort>({
  class: AlgorithmPort,
  tableName: 'algorithmport',
  properties: {
    id: serialId(),
    port: int('port'),
    run: { kind: 'm:1', entity: 'Run', fieldName: 'run_id', nullable: true },
    label: varchar('label'),
  },
})
