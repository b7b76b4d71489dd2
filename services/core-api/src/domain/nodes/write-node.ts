import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, Collaboration, Node, Organization } from '@fedhub/shared/entities'
import type { TokenVersions } from '@fedhub/shared/tokens'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { assertName } from '../accounts/names.ts'
import { announce } from '../collaborations/write-collaboration.ts'
import { NODE_RULES } from '../federated/rules.ts'
import { mayAccess } from '../federated/scope.ts'
import type { Caller } from '../permissions/index.ts'
import { issueApiKey, type NodeKeyStore } from './api-key.ts'
import { deleteNodeRows } from './delete-node.ts'

export interface NodeInput {
  collaboration_id?: number
  organization_id?: number
  name?: string
  ip?: string
  clear_ip?: boolean
}

/** Loads a node with its identity and config rows, or answers 404. */
export async function findNode(em: FedhubEntityManager, id: number): Promise<Node> {
  const node = await em.findOne(Node, id, { populate: ['authenticatable', 'config'] })
  if (node === null) throw notFound('node.not_found', `Node id=${id} is not found!`)
  return node
}

/**
 * Organization scope: the node's organization is the caller's; collaboration scope: the node's
 * collaboration is one of the caller's (upstream: any organization sharing a collaboration).
 */
function mayOnNode(caller: Caller, op: 'VIEW' | 'EDIT' | 'DELETE', node: Node): boolean {
  return mayAccess(NODE_RULES.for(caller), caller, op, {
    organizationId: node.organization?.id ?? null,
    collaborationId: node.collaboration?.id ?? null,
    userId: null,
  })
}

export async function getNode(em: FedhubEntityManager, caller: Caller, id: number) {
  const node = await findNode(em, id)
  if (!mayOnNode(caller, 'VIEW', node)) throw denied()
  return node
}

const nameTaken = (name: string) =>
  badRequest('node.name_taken', `Node with name '${name}' already exists!`)

/** `POST /node`: returns the node and its API key, which is never shown again. */
export async function createNode(
  em: FedhubEntityManager,
  caller: Caller,
  input: NodeInput & { collaboration_id: number },
  keys: NodeKeyStore,
): Promise<{ node: Node; apiKey: string }> {
  assertName('name', input.name)
  const collaboration = await em.findOne(Collaboration, input.collaboration_id, {
    populate: ['organizations'],
  })
  if (collaboration === null) {
    throw notFound(
      'collaboration.not_found',
      `Collaboration id=${input.collaboration_id} not found!`,
    )
  }
  const orgId = input.organization_id ?? caller.organizationId ?? -1
  const org = await em.findOne(Organization, orgId)
  if (org === null) throw notFound('organization.not_found', `Organization id=${orgId} not found!`)
  const allowed = mayAccess(NODE_RULES.for(caller), caller, 'CREATE', {
    organizationId: orgId,
    collaborationId: collaboration.id,
    userId: null,
  })
  if (!allowed) throw denied()
  if (!collaboration.organizations.getItems().some((member) => member.id === orgId)) {
    throw badRequest(
      'node.organization_not_member',
      `Organization id=${orgId} is not part of collaboration id=${collaboration.id}`,
    )
  }
  if ((await em.count(Node, { organization: orgId, collaboration: collaboration.id })) > 0) {
    throw badRequest(
      'node.exists',
      `Organization id=${orgId} already has a node for collaboration id=${collaboration.id}`,
    )
  }
  const name = input.name ?? `${org.name} - ${collaboration.name} Node`
  if ((await em.count(Node, { name })) > 0) throw nameTaken(name)
  return em.transactional(async (tx) => {
    const identity = tx.create(Authenticatable, { type: 'node', status: 'offline' })
    await tx.flush()
    const node = tx.create(Node, {
      id: identity.id,
      name,
      organization: orgId,
      collaboration: collaboration.id,
    })
    node.authenticatable = identity
    const apiKey = await issueApiKey(node, keys)
    announce(tx, collaboration.id, 'membership')
    await tx.flush()
    await tx.populate(node, ['config'])
    return { node, apiKey }
  })
}

/** `PATCH /node/<id>`: name and ip; organization and collaboration cannot change. */
export async function updateNode(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: NodeInput,
): Promise<Node> {
  assertName('name', input.name)
  if (input.organization_id !== undefined) {
    throw badRequest('node.organization_fixed', 'Organization id cannot be updated!')
  }
  if (input.collaboration_id !== undefined) {
    throw badRequest('node.collaboration_fixed', 'Collaboration id cannot be updated!')
  }
  const node = await findNode(em, id)
  if (!mayOnNode(caller, 'EDIT', node)) throw denied()
  if (input.name !== undefined && input.name !== node.name) {
    if ((await em.count(Node, { name: input.name, id: { $ne: id } })) > 0) {
      throw nameTaken(input.name)
    }
    node.name = input.name
  }
  const identity = node.authenticatable
  if (identity) {
    if (input.ip !== undefined && input.ip !== '') identity.ip = input.ip
    else if (input.clear_ip === true) identity.ip = null
  }
  await em.flush()
  return node
}

/** `DELETE /node/<id>`; the runs of its organization stay. */
export async function deleteNode(em: FedhubEntityManager, caller: Caller, id: number) {
  const node = await findNode(em, id)
  if (!mayOnNode(caller, 'DELETE', node)) throw denied()
  const collaborationId = node.collaboration?.id
  await em.transactional(async (tx) => {
    await deleteNodeRows(tx, 'select id from node where id = ?', [id])
    if (collaborationId !== undefined) announce(tx, collaborationId, 'membership')
  })
}

/** `POST /recover/node`: a new key replaces the old one at once; issued tokens stay valid. */
export async function resetNodeKey(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deps: { keys: NodeKeyStore; versions: TokenVersions },
): Promise<string> {
  // A key is reset because it leaked: sessions opened with it end with it.
  const { apiKey, version } = await em.transactional(async (tx) => {
    const node = await findNode(tx, id)
    if (!mayOnNode(caller, 'EDIT', node)) throw denied()
    const key = await issueApiKey(node, deps.keys)
    await tx.flush()
    return { apiKey: key, version: await deps.versions.bump(tx, node.id) }
  })
  await deps.versions.announce(id, version)
  return apiKey
}
