import type { Logger } from '@fedhub/shared/logging'
import pLimit from 'p-limit'
import type { UserApi } from './user-api.ts'

export interface ProvisionedNode {
  nodeId: number
  organizationId: number
  organizationName: string
  /** Fresh: provisioning resets the key of a node that already existed. */
  apiKey: string
}

export interface ProvisionedNetwork {
  collaborationId: number
  /** One per organization name, in the order given. */
  nodes: ProvisionedNode[]
}

export interface ProvisionOptions {
  api: UserApi
  /** An existing collaboration's id, or a name: found, or created unencrypted. */
  collaboration: number | string
  /** Organizations to take part, created when missing. */
  organizationNames: string[]
  /** Requests in flight at once; default 8. */
  concurrency?: number
  logger?: Logger
}

interface Named {
  id: number
  name: string
}

/**
 * Makes sure each named organization exists, is a member of the collaboration and has a node
 * there, and answers a working API key for each node. Safe to repeat: existing organizations,
 * collaborations and nodes are reused, and their nodes get a new key (the old one stops
 * working).
 */
export async function provisionNodes(options: ProvisionOptions): Promise<ProvisionedNetwork> {
  const { api } = options
  const limit = pLimit(options.concurrency ?? 8)
  const known = new Map((await api.list<Named>('organization')).map((org) => [org.name, org.id]))
  const organizationIds = await Promise.all(
    options.organizationNames.map((name) =>
      limit(async () => {
        const existing = known.get(name)
        if (existing !== undefined) return existing
        const created = await api.request<Named>('POST', 'organization', { name })
        options.logger?.debug({ organizationId: created.id, name }, 'organization created')
        return created.id
      }),
    ),
  )
  const collaborationId = await collaborationOf(api, options.collaboration, organizationIds)
  const members = new Set(
    (await api.list<Named>('organization', { collaboration_id: collaborationId })).map((o) => o.id),
  )
  const nodes = new Map(
    (
      await api.list<{ id: number; organization: { id: number } }>('node', {
        collaboration_id: collaborationId,
      })
    ).map((node) => [node.organization.id, node.id]),
  )
  const provisioned = await Promise.all(
    organizationIds.map((organizationId, index) =>
      limit(async (): Promise<ProvisionedNode> => {
        const organizationName = options.organizationNames[index] as string
        if (!members.has(organizationId)) {
          await api.request('POST', `collaboration/${collaborationId}/organization`, {
            id: organizationId,
          })
        }
        const existing = nodes.get(organizationId)
        if (existing !== undefined) {
          const reset = await api.request<{ api_key: string }>('POST', 'recover/node', {
            id: existing,
          })
          return { nodeId: existing, organizationId, organizationName, apiKey: reset.api_key }
        }
        const created = await api.request<{ id: number; api_key: string }>('POST', 'node', {
          collaboration_id: collaborationId,
          organization_id: organizationId,
        })
        return { nodeId: created.id, organizationId, organizationName, apiKey: created.api_key }
      }),
    ),
  )
  return { collaborationId, nodes: provisioned }
}

/**
 * Makes an organization a member of a collaboration if it is not yet one, e.g. the
 * administrator's own, so that it may submit tasks there (upstream lets only members do so).
 */
export async function ensureMember(
  api: UserApi,
  collaborationId: number,
  organizationId: number,
): Promise<void> {
  const members = await api.list<Named>('organization', { collaboration_id: collaborationId })
  if (members.some((member) => member.id === organizationId)) return
  await api.request('POST', `collaboration/${collaborationId}/organization`, { id: organizationId })
}

/**
 * The collaboration's id: checked when given as an id; for a name, the unencrypted
 * collaboration with exactly that name, created with `organizationIds` when there is none.
 * Simulated nodes refuse encrypted collaborations.
 */
async function collaborationOf(
  api: UserApi,
  wanted: number | string,
  organizationIds: number[],
): Promise<number> {
  let found: (Named & { encrypted: boolean }) | undefined
  if (typeof wanted === 'number') {
    found = await api.request('GET', `collaboration/${wanted}`)
  } else {
    found = (
      await api.list<Named & { encrypted: boolean }>('collaboration', { name: wanted })
    ).find((collaboration) => collaboration.name === wanted)
  }
  if (found?.encrypted === true) {
    throw new Error(
      `collaboration '${found.name}' is encrypted; simulated nodes need an unencrypted one`,
    )
  }
  if (found !== undefined) return found.id
  const created = await api.request<Named>('POST', 'collaboration', {
    name: wanted,
    encrypted: false,
    organization_ids: organizationIds,
  })
  return created.id
}
