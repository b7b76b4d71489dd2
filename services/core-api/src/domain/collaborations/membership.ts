import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Node, Organization } from '@fedhub/shared/entities'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { memberIds, membersOf } from './members.ts'
import { announce, findCollaboration } from './write-collaboration.ts'

async function findOrganization(em: FedhubEntityManager, id: number) {
  const org = await em.findOne(Organization, id)
  if (org === null)
    throw notFound('organization.not_found', `organization having id=${id} not found`)
  return org
}

async function mayEdit(em: FedhubEntityManager, caller: Caller, id: number) {
  const collaboration = await findCollaboration(em, id)
  if (!COLLABORATION_RULES.for(caller).canForCol('EDIT', id)) throw denied()
  return collaboration
}

/** `POST /collaboration/<id>/organization`; adding a member twice changes nothing. */
export async function addOrganization(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  organizationId: number,
): Promise<Organization[]> {
  await mayEdit(em, caller, id)
  await findOrganization(em, organizationId)
  if (!(await memberIds(em, id)).has(organizationId)) {
    await em.transactional(async (tx) => {
      await tx.execute('insert into "Member" (collaboration_id, organization_id) values (?, ?)', [
        id,
        organizationId,
      ])
      announce(tx, id, 'membership')
    })
  }
  return (await membersOf(em, [id])).get(id) ?? []
}

/** `DELETE /collaboration/<id>/organization`; its nodes and studies are left as they are. */
export async function removeOrganization(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  organizationId: number,
): Promise<Organization[]> {
  await findCollaboration(em, id)
  await findOrganization(em, organizationId)
  if (!COLLABORATION_RULES.for(caller).canForCol('EDIT', id)) throw denied()
  if (!(await memberIds(em, id)).has(organizationId)) {
    throw badRequest(
      'collaboration.not_member',
      `Organization id=${organizationId} is not part of collaboration id=${id}`,
    )
  }
  await em.transactional(async (tx) => {
    await tx.execute('delete from "Member" where collaboration_id = ? and organization_id = ?', [
      id,
      organizationId,
    ])
    announce(tx, id, 'membership')
  })
  return (await membersOf(em, [id])).get(id) ?? []
}

async function findNode(em: FedhubEntityManager, id: number): Promise<Node> {
  const node = await em.findOne(Node, id, { populate: ['authenticatable'] })
  if (node === null) throw notFound('node.not_found', `Node id=${id} not found!`)
  return node
}

/**
 * `POST /collaboration/<id>/node`. A node that serves another collaboration is refused (upstream
 * moves it silently, cutting the other collaboration off from that organization's data).
 */
export async function addNode(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  nodeId: number,
): Promise<Node[]> {
  const collaboration = await mayEdit(em, caller, id)
  const node = await findNode(em, nodeId)
  const current = node.collaboration?.id
  if (current === id) {
    throw badRequest(
      'node.already_member',
      `Node id=${nodeId} is already in collaboration id=${id}`,
    )
  }
  if (current !== undefined) {
    throw badRequest(
      'node.other_collaboration',
      `Node id=${nodeId} already belongs to collaboration id=${current}; remove it there first`,
    )
  }
  const orgId = node.organization?.id
  if (orgId === undefined || !(await memberIds(em, id)).has(orgId)) {
    throw badRequest(
      'node.organization_not_member',
      `Node id=${nodeId} belongs to organization id=${orgId ?? 'none'}, which is not part of collaboration id=${id}`,
    )
  }
  node.collaboration = collaboration
  announce(em, id, 'membership')
  await em.flush()
  return em.find(
    Node,
    { collaboration: id },
    { populate: ['authenticatable'], orderBy: { id: 'asc' } },
  )
}

/** `DELETE /collaboration/<id>/node`: the node is kept, without a collaboration. */
export async function removeNode(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  nodeId: number,
): Promise<void> {
  await mayEdit(em, caller, id)
  const node = await findNode(em, nodeId)
  if (node.collaboration?.id !== id) {
    throw badRequest('node.not_member', `Node id=${nodeId} is not part of collaboration id=${id}`)
  }
  node.collaboration = null
  announce(em, id, 'membership')
  await em.flush()
}
