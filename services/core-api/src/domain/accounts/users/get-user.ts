import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import type { Caller } from '../../permissions/index.ts'
import { isSelf } from '../../permissions/index.ts'
import { denied, notFound } from '../account-errors.ts'
import { USER_RULES } from '../resource-rules.ts'
import type { UserPermissions } from './user-view.ts'

/** Loads a user with its identity row, or answers upstream's 404 text. */
export async function findUser(
  em: FedhubEntityManager,
  id: number,
  message: string,
): Promise<User> {
  const user = await em.findOne(User, id, { populate: ['authenticatable'] })
  if (user === null) throw notFound('user.not_found', message)
  return user
}

/** `GET /user/<id>`: the user themself, or a caller who may view users of its organization. */
export async function getUser(em: FedhubEntityManager, caller: Caller, id: number): Promise<User> {
  const user = await findUser(em, id, `user id=${id} is not found`)
  if (!isSelf(caller, id) && !USER_RULES.for(caller).allowedForOrg('VIEW', user.organization?.id)) {
    throw denied()
  }
  return user
}

const ROLE_IDS = 'select role_id from "Permission" where user_id = ? order by role_id'
const RULE_IDS = `select distinct rule_id from (
    select rra.rule_id from role_rule_association rra
      join "Permission" p on p.role_id = rra.role_id where p.user_id = ?
    union select up.rule_id from "UserPermission" up where up.user_id = ?) granted order by rule_id`
const ORGS_IN_COLLABS = `select distinct m2.organization_id from "Member" m1
  join "Member" m2 on m2.collaboration_id = m1.collaboration_id
  where m1.organization_id = ? order by m2.organization_id`

/** What `include_permissions` shows: the user's roles, all its rules, its collaborators. */
export async function userPermissions(
  em: FedhubEntityManager,
  user: User,
): Promise<UserPermissions> {
  const ids = (rows: unknown[], key: string) =>
    (rows as Array<Record<string, number>>).map((row) => Number(row[key]))
  const [roles, rules, orgs] = await Promise.all([
    em.execute(ROLE_IDS, [user.id]),
    em.execute(RULE_IDS, [user.id, user.id]),
    em.execute(ORGS_IN_COLLABS, [user.organization?.id ?? -1]),
  ])
  return {
    roles: ids(roles, 'role_id'),
    rules: ids(rules, 'rule_id'),
    orgs_in_collabs: ids(orgs, 'organization_id'),
  }
}
