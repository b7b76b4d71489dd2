import { EntitySchema } from '@mikro-orm/core'
import { serialId, varchar } from './columns.ts'
import type { Node } from './node.ts'

/** `nodeconfig`: one key/value a node reported in `node_info_update`. */
export class NodeConfig {
  id!: number
  node?: Node | null
  key?: string | null
  value?: string | null
}

export const NodeConfigSchema = new EntitySchema<NodeConfig>({
  class: NodeConfig,
  tableName: 'nodeconfig',
  properties: {
    id: serialId(),
    node: { kind: 'm:1', entity: 'Node', fieldName: 'node_id', nullable: true, index: true },
    key: varchar('key'),
    value: varchar('value'),
  },
})
