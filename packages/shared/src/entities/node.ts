import { Collection, EntitySchema, OptionalProps } from '@mikro-orm/core'
import type { Authenticatable } from './authenticatable.ts'
import type { Collaboration } from './collaboration.ts'
import { identityKey, identityView, varchar, versionColumn } from './columns.ts'
import type { NodeConfig } from './node-config.ts'
import type { Organization } from './organization.ts'

/**
 * `node`: one organization's node in one collaboration. Like {@link User}, its `id` is the
 * foreign key to `authenticatable.id`: flush the identity row first, then create the node.
 */
export class Node {
  /** Columns with a default, so `em.create` does not demand them. */
  declare [OptionalProps]?: 'version'
  id!: number
  authenticatable?: Authenticatable | null
  name?: string | null
  /** bcrypt hash of the API key, as upstream stores it. */
  apiKey?: string | null
  /** fedhub: keyed HMAC digest of the API key, so a login finds its node without a scan. */
  apiKeyDigest?: string | null
  collaboration?: Collaboration | null
  organization?: Organization | null
  config = new Collection<NodeConfig>(this)
  version = 1
}

export const NodeSchema = new EntitySchema<Node>({
  class: Node,
  tableName: 'node',
  indexes: [{ properties: ['collaboration', 'organization'] }],
  properties: {
    id: identityKey(),
    authenticatable: identityView(),
    name: varchar('name', { unique: true }),
    apiKey: varchar('api_key'),
    apiKeyDigest: varchar('api_key_digest', { unique: true }),
    collaboration: {
      kind: 'm:1',
      entity: 'Collaboration',
      fieldName: 'collaboration_id',
      nullable: true,
    },
    organization: {
      kind: 'm:1',
      entity: 'Organization',
      fieldName: 'organization_id',
      nullable: true,
    },
    config: { kind: '1:m', entity: 'NodeConfig', mappedBy: 'node' },
    version: versionColumn(),
  },
})
