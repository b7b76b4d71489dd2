import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role, Rule, User } from '@fedhub/shared/entities'
import type { QueryBuilder } from '@mikro-orm/knex'
import { fetchPage, type Page, type PageRequest } from '../../list-kit/index.ts'
import { type Caller, isSelf } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { ROLE_RULES } from '../resource-rules.ts'

export interface RoleFilters {
  name?: string[]
  description?: string[]
  organization_id?: number[]
  collaboration_id?: number
  rule_id?: number
  user_id?: number
  include_root?: boolean
}

const orgLess = (includeRoot: boolean) => (includeRoot ? [{ organization: null }] : [])

/** `GET /role`. Without any role view rule a user sees only their own roles (200, not 401). */
export async function listRoles(
  em: FedhubEntityManager,
  caller: Caller,
  filters: RoleFilters,
  page: PageRequest,
): Promise<Page<Role>> {
  const guard = ROLE_RULES.for(caller)
  const includeRoot = filters.include_root === true
  const qb = em.createQueryBuilder(Role, 'r')
  const orgs = filters.organization_id ?? []
  if (orgs.length > 0) {
    for (const id of orgs) {
      if (!guard.allowedForOrg('VIEW', id)) {
        throw denied(`You lack the permission to view roles from organization ${id}!`)
      }
    }
    qb.andWhere({ $or: [{ organization: { $in: orgs } }, ...orgLess(includeRoot)] })
  }
  if (filters.collaboration_id !== undefined) {
    const id = filters.collaboration_id
    if (!guard.canForCol('VIEW', id)) {
      throw denied(`You lack the permission to view roles from collaboration ${id}!`)
    }
    const members = em
      .getKnex()
      .select('organization_id')
      .from('Member')
      .where('collaboration_id', id)
    qb.andWhere({ $or: [{ organization: { $in: members } }, ...orgLess(includeRoot)] })
  }
  if (filters.rule_id !== undefined) {
    if ((await em.count(Rule, { id: filters.rule_id })) === 0) {
      throw notFound('rule.not_found', `Rule with id=${filters.rule_id} not found.`)
    }
    qb.andWhere('r.id in (select role_id from role_rule_association where rule_id = ?)', [
      filters.rule_id,
    ])
  }
  if (filters.user_id !== undefined) {
    const id = filters.user_id
    const user = await em.findOne(User, id)
    if (user === null) throw badRequest('user.not_found', `User with id=${id} does not exist!`)
    if (!isSelf(caller, id) && !guard.allowedForOrg('VIEW', user.organization?.id)) {
      throw denied(
        `You lack the permission to view roles from the organization that user id=${id} belongs to!`,
      )
    }
    qb.andWhere('r.id in (select role_id from "Permission" where user_id = ?)', [id])
  }
  for (const field of ['name', 'description'] as const) {
    const values = filters[field] ?? []
    if (values.length > 0) qb.andWhere({ $or: values.map((v) => ({ [field]: { $like: v } })) })
  }
  restrictToScope(qb, caller, guard)
  return fetchPage(qb, page)
}

function restrictToScope(
  qb: QueryBuilder<Role>,
  caller: Caller,
  guard: ReturnType<typeof ROLE_RULES.for>,
): void {
  if (guard.has('GLOBAL', 'VIEW')) return
  const own = { id: { $in: [...caller.roleIds] } }
  if (guard.has('COLLABORATION', 'VIEW')) {
    const orgs = [...caller.collaborationOrganizationIds]
    qb.andWhere({ $or: [own, { organization: null }, { organization: { $in: orgs } }] })
  } else if (guard.has('ORGANIZATION', 'VIEW')) {
    const org = caller.organizationId ?? -1
    qb.andWhere({ $or: [own, { organization: null }, { organization: org }] })
  } else {
    qb.andWhere(own)
  }
}
