import type { NodeSession } from './node-session.ts'
import type { NodeIdentity } from './run-types.ts'

interface NodeView {
  name: string
  organization: { id: number }
  collaboration: { id: number } | null
}

/**
 * What a freshly logged-in node reads about itself, in the official node's order: its node,
 * its organization, and its collaboration's encryption setting, which must match its own.
 * Simulated nodes do not encrypt, so an encrypted collaboration stops them here.
 */
export async function readNodeIdentity(session: NodeSession): Promise<NodeIdentity> {
  const id = session.nodeId
  const node = await session.request<NodeView>('GET', `node/${id}`)
  if (node.collaboration === null) throw new Error(`node ${id} is in no collaboration`)
  await session.request('GET', `organization/${node.organization.id}`)
  const collaboration = await session.request<{ encrypted: boolean }>(
    'GET',
    `collaboration/${node.collaboration.id}`,
  )
  if (collaboration.encrypted) {
    throw new Error(
      `collaboration ${node.collaboration.id} is encrypted; simulated nodes take part in unencrypted collaborations only`,
    )
  }
  return {
    id,
    name: node.name,
    organizationId: node.organization.id,
    collaborationId: node.collaboration.id,
  }
}
