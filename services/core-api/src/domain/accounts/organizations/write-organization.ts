import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization } from '@fedhub/shared/entities'
import type { Caller } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { assertName } from '../names.ts'
import { ORGANIZATION_RULES } from '../resource-rules.ts'
import { countDependents, deleteOrganizationRows } from './delete-dependents.ts'

export interface OrganizationInput {
  name?: string
  domain?: string | null
  address1?: string | null
  address2?: string | null
  zipcode?: string | null
  country?: string | null
  public_key?: string | null
}

const nameTaken = (name: string) =>
  badRequest('organization.name_taken', `Organization with name '${name}' already exists!`)

/** `GET /organization/<id>`. */
export async function getOrganization(em: FedhubEntityManager, caller: Caller, id: number) {
  const org = await em.findOne(Organization, id)
  if (org === null) throw notFound('organization.not_found', `Organization id=${id} not found!`)
  if (!ORGANIZATION_RULES.for(caller).allowedForOrg('VIEW', id)) {
    throw denied('You do not have permission to do that!')
  }
  return org
}

/** Creating organizations needs the global rule; upstream checks it before the body. */
export function assertMayCreateOrganization(caller: Caller): void {
  if (!ORGANIZATION_RULES.for(caller).has('GLOBAL', 'CREATE')) {
    throw denied('You lack the permissions to do that!')
  }
}

/** `POST /organization`: global create only. Missing texts become `""`, except `address2`. */
export async function createOrganization(
  em: FedhubEntityManager,
  caller: Caller,
  input: OrganizationInput & { name: string },
): Promise<Organization> {
  assertMayCreateOrganization(caller)
  assertName('name', input.name)
  if ((await em.count(Organization, { name: input.name })) > 0) throw nameTaken(input.name)
  const org = em.create(Organization, {
    name: input.name,
    domain: input.domain ?? '',
    address1: input.address1 ?? '',
    address2: input.address2 ?? null,
    zipcode: input.zipcode ?? '',
    country: input.country ?? '',
    publicKey: decodeKey(input.public_key),
  })
  await em.flush()
  return org
}

/** `PATCH /organization/<id>`: fields given and not null are written. */
export async function updateOrganization(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: OrganizationInput,
): Promise<Organization> {
  assertName('name', input.name)
  const org = await em.findOne(Organization, id)
  if (org === null) throw notFound('organization.not_found', `Organization with id=${id} not found`)
  if (!ORGANIZATION_RULES.for(caller).allowedForOrg('EDIT', id)) throw denied()
  if (input.name !== undefined && input.name !== org.name) {
    if ((await em.count(Organization, { name: input.name, id: { $ne: id } })) > 0) {
      throw nameTaken(input.name)
    }
    org.name = input.name
  }
  for (const key of ['domain', 'address1', 'address2', 'zipcode', 'country'] as const) {
    const value = input[key]
    if (value !== undefined && value !== null) org[key] = value
  }
  if (input.public_key !== undefined && input.public_key !== null) {
    org.publicKey = decodeKey(input.public_key)
  }
  await em.flush()
  return org
}

/** `DELETE /organization/<id>`: global delete; dependents only with `deleteDependents`. */
export async function deleteOrganization(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deleteDependents: boolean,
): Promise<void> {
  if (!ORGANIZATION_RULES.for(caller).has('GLOBAL', 'DELETE')) throw denied()
  if ((await em.count(Organization, { id })) === 0) {
    throw notFound('organization.not_found', `Organization with id=${id} not found`)
  }
  if (caller.organizationId === id) {
    throw badRequest('organization.delete_own', 'You cannot delete your own organization!')
  }
  const d = await countDependents(em, id)
  if (d.runs + d.tasks + d.nodes + d.users + d.roles > 0 && !deleteDependents) {
    throw badRequest(
      'organization.has_dependents',
      `Organization has dependents: ${d.runs} runs, ${d.tasks} tasks, ${d.nodes} nodes, ${d.users} users, and ${d.roles} roles. Please specify 'delete_dependents=true' to delete them.`,
    )
  }
  await em.transactional((tx) => deleteOrganizationRows(tx, id))
}

// The API carries the key as base64 text; the column holds the decoded bytes.
function decodeKey(value: string | null | undefined): Buffer | null {
  if (value === null || value === undefined || value === '') return null
  return Buffer.from(value, 'base64')
}
