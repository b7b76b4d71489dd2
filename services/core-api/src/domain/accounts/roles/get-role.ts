import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role } from '@fedhub/shared/entities'
import { isDefaultRoleName } from '@fedhub/shared/permissions'
import type { Caller } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { ROLE_RULES } from '../resource-rules.ts'

/** Loads a role or answers upstream's 404. */
export async function findRole(em: FedhubEntityManager, id: number): Promise<Role> {
  const role = await em.findOne(Role, id)
  if (role === null) throw notFound('role.not_found', `Role with id=${id} not found.`)
  return role
}

/** Built-in roles are managed by start-up only; upstream recognises them by name. */
export function assertNotDefault(role: Role): void {
  if (isDefaultRoleName(role.name ?? '') || role.isDefaultRole === true) {
    throw badRequest(
      'role.default',
      `Role ${role.name} is a default role and cannot be edited or deleted.`,
    )
  }
}

/**
 * `GET /role/<id>`: visible with view rights for its organization, to its holders, and, for the
 * built-in roles, to anyone holding role view at organization scope or wider.
 */
export async function getRole(em: FedhubEntityManager, caller: Caller, id: number): Promise<Role> {
  const role = await findRole(em, id)
  const guard = ROLE_RULES.for(caller)
  const visible =
    guard.allowedForOrg('VIEW', role.organization?.id) ||
    caller.roleIds.includes(role.id) ||
    (isDefaultRoleName(role.name ?? '') && guard.hasAtLeastScope('ORGANIZATION', 'VIEW'))
  if (!visible) throw denied('You do not have permission to view this role.')
  return role
}
