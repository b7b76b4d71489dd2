import type { FedhubEntityManager } from '@fedhub/shared/data'
import { writeOutbox } from '@fedhub/shared/data'
import { Collaboration, Organization } from '@fedhub/shared/entities'
import { EVENTS } from '@fedhub/shared/events'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { assertName } from '../accounts/names.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'

export interface CollaborationInput {
  name?: string
  encrypted?: boolean
  organization_ids?: number[]
}

type Change = 'created' | 'updated' | 'deleted' | 'membership'

/** Queues the event socket clients hear about a collaboration change. */
export function announce(em: FedhubEntityManager, collaborationId: number, change: Change): void {
  writeOutbox(em, EVENTS.collaborationChanged.subject, {
    collaboration_id: collaborationId,
    change,
  })
}

/** Loads a collaboration or answers 404 with upstream's text. */
export async function findCollaboration(
  em: FedhubEntityManager,
  id: number,
): Promise<Collaboration> {
  const collaboration = await em.findOne(Collaboration, id)
  if (collaboration === null) {
    throw notFound('collaboration.not_found', `collaboration having id=${id} not found`)
  }
  return collaboration
}

/** `GET /collaboration/<id>`: global, or organization view and a member. */
export async function getCollaboration(em: FedhubEntityManager, caller: Caller, id: number) {
  const collaboration = await findCollaboration(em, id)
  const guard = COLLABORATION_RULES.for(caller)
  // Auth collaborations: the organization's, or for a container the one in its token.
  const member = caller.collaborationIds.has(id)
  if (!guard.has('GLOBAL', 'VIEW') && !(guard.has('ORGANIZATION', 'VIEW') && member)) {
    throw denied()
  }
  return collaboration
}

const nameTaken = (name: string) =>
  badRequest('collaboration.name_taken', `Collaboration name '${name}' already exists!`)

// Unknown ids are a 400 here; upstream drops them silently.
async function organizationsOf(em: FedhubEntityManager, ids: readonly number[]) {
  const orgs = await em.find(Organization, { id: { $in: [...ids] } })
  const missing = ids.filter((id) => !orgs.some((org) => org.id === id))
  if (missing.length > 0) {
    throw badRequest('organization.not_found', `Organization(s) ${missing.join(', ')} not found`)
  }
  return orgs
}

/** `POST /collaboration`: global create only. */
export async function createCollaboration(
  em: FedhubEntityManager,
  caller: Caller,
  input: Required<CollaborationInput>,
): Promise<Collaboration> {
  assertName('name', input.name)
  if ((await em.count(Collaboration, { name: input.name })) > 0) throw nameTaken(input.name)
  if (!COLLABORATION_RULES.for(caller).has('GLOBAL', 'CREATE')) throw denied()
  const orgs = await organizationsOf(em, input.organization_ids)
  return em.transactional(async (tx) => {
    const collaboration = tx.create(Collaboration, { name: input.name, encrypted: input.encrypted })
    collaboration.organizations.set(orgs.map((org) => tx.getReference(Organization, org.id)))
    await tx.flush()
    announce(tx, collaboration.id, 'created')
    await tx.flush()
    return collaboration
  })
}

/** `PATCH /collaboration/<id>`. Changing the members needs global edit. */
export async function updateCollaboration(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: CollaborationInput,
): Promise<Collaboration> {
  const collaboration = await findCollaboration(em, id)
  const guard = COLLABORATION_RULES.for(caller)
  if (!guard.canForCol('EDIT', id)) throw denied()
  assertName('name', input.name)
  if (input.name !== undefined && input.name !== collaboration.name) {
    if ((await em.count(Collaboration, { name: input.name, id: { $ne: id } })) > 0) {
      throw nameTaken(input.name)
    }
    collaboration.name = input.name
  }
  if (input.organization_ids !== undefined) {
    if (!guard.has('GLOBAL', 'EDIT')) {
      throw denied('You lack the permission to change the organizations of a collaboration!')
    }
    const orgs = await organizationsOf(em, input.organization_ids)
    await collaboration.organizations.init()
    collaboration.organizations.set(orgs)
  }
  if (input.encrypted !== undefined) collaboration.encrypted = input.encrypted
  // One flush is one transaction: the change and its event are written together.
  announce(em, id, input.organization_ids === undefined ? 'updated' : 'membership')
  await em.flush()
  return collaboration
}
