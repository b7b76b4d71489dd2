import type { Node } from '@fedhub/shared/entities'
import { formatTimestamp, type HateoasLink, type LinkBuilder } from '../list-kit/index.ts'

export interface NodeView {
  id: number
  type: string
  name: string | null
  ip: string | null
  status: string | null
  last_seen: string | null
  organization: HateoasLink | null
  collaboration: HateoasLink | null
  config: Array<{ key: string | null; value: string | null }>
  api_key?: string
}

/** A node whose identity row and config rows are loaded. */
export function toNodeView(node: Node, links: LinkBuilder): NodeView {
  const identity = node.authenticatable
  return {
    id: node.id,
    type: 'node',
    name: node.name ?? null,
    ip: identity?.ip ?? null,
    status: identity?.status ?? null,
    last_seen: formatTimestamp(identity?.lastSeen),
    organization: links.one('organization', node.organization?.id),
    collaboration: links.one('collaboration', node.collaboration?.id),
    config: node.config.isInitialized()
      ? node.config.getItems().map((row) => ({ key: row.key ?? null, value: row.value ?? null }))
      : [],
  }
}

/** The short form `POST /collaboration/<id>/node` answers with. */
export function toSimpleNodeView(node: Node, links: LinkBuilder) {
  const { id, name, ip, status, last_seen, organization } = toNodeView(node, links)
  return { id, name, ip, status, last_seen, organization }
}

export const NODE_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'n.id',
  name: 'n.name',
  organization_id: 'n.organization',
  collaboration_id: 'n.collaboration',
  status: 'a.status',
  ip: 'a.ip',
  last_seen: 'a.lastSeen',
}
