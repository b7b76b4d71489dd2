import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, Role, Rule, User } from '@fedhub/shared/entities'
import type { QueryBuilder } from '@mikro-orm/knex'
import { fetchPage, type Page, type PageRequest, utcDate } from '../../list-kit/index.ts'
import type { Caller } from '../../permissions/index.ts'
import { badRequest, denied } from '../account-errors.ts'
import { USER_RULES } from '../resource-rules.ts'

export interface UserFilters {
  username?: string
  firstname?: string
  lastname?: string
  email?: string
  organization_id?: number
  collaboration_id?: number
  role_id?: number
  rule_id?: number
  last_seen_from?: string
  last_seen_till?: string
}

const MEMBERS_OF = 'select organization_id from "Member" where collaboration_id = ?'

/**
 * `GET /user`: checks each filter's permission in upstream's order, then limits the rows to the
 * caller's view scope. Two list queries whatever the page size.
 */
export async function listUsers(
  em: FedhubEntityManager,
  caller: Caller,
  filters: UserFilters,
  page: PageRequest,
): Promise<Page<User>> {
  const guard = USER_RULES.for(caller)
  const qb = em.createQueryBuilder(User, 'u').leftJoinAndSelect('u.authenticatable', 'a')
  if (filters.organization_id !== undefined) {
    if (!guard.allowedForOrg('VIEW', filters.organization_id)) {
      throw denied(
        `You lack the permission view users from the organization with id ${filters.organization_id}!`,
      )
    }
    qb.andWhere({ organization: filters.organization_id })
  }
  if (filters.role_id !== undefined) {
    const role = await em.findOne(Role, filters.role_id)
    if (role === null)
      throw badRequest('role.not_found', `Role with id=${filters.role_id} does not exist!`)
    const roleOrg = role.organization?.id
    if (roleOrg !== undefined && !guard.allowedForOrg('VIEW', roleOrg)) {
      throw denied(
        `You lack the permission view users from the organization that role with id=${roleOrg} belongs to!`,
      )
    }
    qb.andWhere('u.id in (select user_id from "Permission" where role_id = ?)', [role.id])
  }
  if (filters.rule_id !== undefined) {
    const rule = await em.findOne(Rule, filters.rule_id)
    if (rule === null)
      throw badRequest('rule.not_found', `Rule with id=${filters.rule_id} does not exist!`)
    qb.andWhere('u.id in (select user_id from "UserPermission" where rule_id = ?)', [rule.id])
  }
  if (filters.collaboration_id !== undefined) {
    if (!guard.canForCol('VIEW', filters.collaboration_id)) {
      throw denied(
        `You lack the permission view all users from collaboration ${filters.collaboration_id}!`,
      )
    }
    // Upstream compares the text id with integers and so never matches; the intent is members.
    qb.andWhere(`u.organization_id in (${MEMBERS_OF})`, [filters.collaboration_id])
  }
  for (const field of ['username', 'firstname', 'lastname', 'email'] as const) {
    const value = filters[field]
    if (value !== undefined) qb.andWhere({ [field]: { $like: value } })
  }
  restrictLastSeen(em, qb, filters)
  restrictToScope(qb, caller, guard, filters.username)
  return fetchPage(qb, page)
}

type UserQuery = QueryBuilder<User>

function restrictLastSeen(em: FedhubEntityManager, qb: UserQuery, filters: UserFilters): void {
  const bounds: Record<string, Date> = {}
  if (filters.last_seen_from !== undefined) bounds.$gte = utcDate(filters.last_seen_from)
  if (filters.last_seen_till !== undefined) bounds.$lte = utcDate(filters.last_seen_till)
  if (Object.keys(bounds).length === 0) return
  const seen = em
    .createQueryBuilder(Authenticatable, 's')
    .select('s.id')
    .where({ lastSeen: bounds })
  qb.andWhere({ id: { $in: seen.getKnexQuery() } })
}

function restrictToScope(
  qb: UserQuery,
  caller: Caller,
  guard: ReturnType<typeof USER_RULES.for>,
  username: string | undefined,
): void {
  if (guard.has('GLOBAL', 'VIEW')) return
  const own = caller.organizationId ?? -1
  if (guard.has('COLLABORATION', 'VIEW')) {
    qb.andWhere({ organization: { $in: [...caller.collaborationOrganizationIds, own] } })
    return
  }
  if (guard.has('ORGANIZATION', 'VIEW')) {
    qb.andWhere({ organization: own })
    return
  }
  // Self-lookup by exact username (upstream matches it as a LIKE pattern and leaks others).
  if (username !== undefined && username === caller.username) {
    qb.andWhere({ id: caller.id })
    return
  }
  throw denied()
}
