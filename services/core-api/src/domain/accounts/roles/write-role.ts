import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization, Role, type Rule } from '@fedhub/shared/entities'
import { errors } from '@fedhub/shared/errors'
import { isDefaultRoleName } from '@fedhub/shared/permissions'
import { assertHoldsRules, type Caller } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { firstMissing, ruleRef, rulesById } from '../grants.ts'
import { ROLE_RULES } from '../resource-rules.ts'
import { assertNotDefault, findRole } from './get-role.ts'

export interface RoleInput {
  name?: string | null
  description?: string | null
  rules?: number[] | null
  organization_id?: number | null
}

function assertRoleName(name: string | null | undefined): void {
  if (typeof name === 'string' && isDefaultRoleName(name)) {
    throw errors.invalidBody({ name: ['Role name cannot be one of the default roles'] })
  }
}

async function existingRules(
  em: FedhubEntityManager,
  ids: number[],
  message: (id: number) => string,
): Promise<Rule[]> {
  const rules = await rulesById(em, ids)
  const missing = firstMissing(ids, rules)
  if (missing !== undefined) throw notFound('rule.not_found', message(missing))
  return rules
}

/** `POST /role`: for the caller's organization unless `organization_id` names another. */
export async function createRole(
  em: FedhubEntityManager,
  caller: Caller,
  input: RoleInput & { name: string; rules: number[] },
): Promise<Role> {
  assertRoleName(input.name)
  const rules = await existingRules(em, input.rules, (id) => `Rule with id ${id} not found`)
  assertHoldsRules(caller, rules.map(ruleRef))
  const organizationId = input.organization_id ?? caller.organizationId
  if (organizationId === null || (await em.count(Organization, { id: organizationId })) === 0) {
    throw notFound('organization.not_found', `Organization "${organizationId}" does not exist!`)
  }
  if (!ROLE_RULES.for(caller).allowedForOrg('CREATE', organizationId)) {
    throw denied(`You lack the permission to c roles for organization ${organizationId}!`)
  }
  const role = em.create(Role, {
    name: input.name,
    description: input.description ?? null,
    organization: organizationId,
    isDefaultRole: false,
    rules,
  })
  await em.flush()
  return role
}

/**
 * `PATCH /role/<id>`: name, description and the full rule set; never the organization. A null
 * field is absent (the Python client sends nulls for what it does not change).
 */
export async function updateRole(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: RoleInput,
): Promise<Role> {
  assertRoleName(input.name)
  if (input.organization_id !== undefined && input.organization_id !== null) {
    throw badRequest('role.organization_fixed', "Cannot change role's organization")
  }
  const role = await findRole(em, id)
  assertNotDefault(role)
  const orgId = role.organization?.id
  if (!ROLE_RULES.for(caller).allowedForOrg('EDIT', orgId)) {
    throw denied(`You lack the permission to e roles for organization ${orgId ?? null}!`)
  }
  if (input.name !== undefined && input.name !== null) role.name = input.name
  if (input.description !== undefined && input.description !== null) {
    role.description = input.description
  }
  if (input.rules !== undefined && input.rules !== null) {
    const rules = await existingRules(em, input.rules, (rid) => `Rule with id=${rid} not found.`)
    assertHoldsRules(caller, rules.map(ruleRef))
    await em.populate(role, ['rules'])
    role.rules.set(rules)
  }
  await em.flush()
  return role
}

/** `DELETE /role/<id>`: a role held by users goes only with `deleteDependents`. */
export async function deleteRole(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deleteDependents: boolean,
): Promise<void> {
  const role = await findRole(em, id)
  assertNotDefault(role)
  const orgId = role.organization?.id
  if (!ROLE_RULES.for(caller).allowedForOrg('DELETE', orgId)) {
    throw denied(`You lack the permission to d roles for organization ${orgId ?? null}!`)
  }
  const holders = (await em.execute('select count(*) as n from "Permission" where role_id = ?', [
    id,
  ])) as Array<{ n: number | string }>
  if (Number(holders[0]?.n ?? 0) > 0 && !deleteDependents) {
    throw badRequest(
      'role.assigned',
      `Role ${role.name} is assigned to users and cannot be deleted.`,
    )
  }
  // Holders and rule links cascade with the row.
  await em.nativeDelete(Role, { id })
}
