import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AppError } from '@fedhub/shared/errors'
import { DefaultRole } from '@fedhub/shared/permissions'
import { UNFINISHED_RUN_STATUSES, type VerifiedIdentity } from '@fedhub/shared/tokens'
import type { Caller } from './caller.ts'
import { RuleSet } from './rule-set.ts'

interface RuleRow {
  id: number
  name: string
  scope: string
  operation: string
}

interface IdentityRow {
  organization_id: number | null
  username: string | null
  token_version: number | null
}

const loadError = (sub: number) =>
  new AppError('auth.identity_missing', `Error loading the user ${sub}`, { status: 401 })

const revoked = () => new AppError('auth.token_revoked', 'Token has been revoked', { status: 401 })

const finishedTask = () =>
  new AppError('auth.container_task_finished', 'Container token is for a finished task', {
    status: 401,
  })

// One query per question, whatever the caller holds: identity row, rules, collaborations.
const USER_ROW = `select u.organization_id, u.username, a.token_version
  from "user" u join authenticatable a on a.id = u.id where u.id = ?`
const NODE_ROW = `select n.organization_id, null as username, a.token_version
  from node n join authenticatable a on a.id = n.id where n.id = ?`
const USER_RULES = `select r.id, r.name, r.scope, r.operation from rule r
  where r.id in (select rra.rule_id from role_rule_association rra
      join "Permission" p on p.role_id = rra.role_id where p.user_id = ?)
    or r.id in (select up.rule_id from "UserPermission" up where up.user_id = ?)`
const ROLE_RULES = `select r.id, r.name, r.scope, r.operation from rule r
  where r.id in (select rra.rule_id from role_rule_association rra
      join role ro on ro.id = rra.role_id where ro.name = ? and ro.is_default_role = ?)`
const MEMBERSHIPS = `select m2.collaboration_id, m2.organization_id from "Member" m1
  join "Member" m2 on m2.collaboration_id = m1.collaboration_id where m1.organization_id = ?`
const COLLABORATION_MEMBERS = `select collaboration_id, organization_id from "Member"
  where collaboration_id = ?`
// The same rule as the shared identity guard's, in one query of this batch.
const OPEN_RUN = `select 1 as open from run where task_id = ?
  and status in (${UNFINISHED_RUN_STATUSES.map((status) => `'${status}'`).join(', ')}) limit 1`

interface MemberRow {
  collaboration_id: number
  organization_id: number
}

function memberships(
  rows: MemberRow[],
): Pick<Caller, 'collaborationIds' | 'collaborationOrganizationIds'> {
  return {
    collaborationIds: new Set(rows.map((row) => Number(row.collaboration_id))),
    collaborationOrganizationIds: new Set(rows.map((row) => Number(row.organization_id))),
  }
}

function distinctRules(rows: RuleRow[]): { rules: RuleSet; ruleIds: number[] } {
  const ruleIds = [...new Set(rows.map((row) => Number(row.id)))].sort((a, b) => a - b)
  return { rules: new RuleSet(rows), ruleIds }
}

/**
 * Resolves a verified token to the caller: loads the identity row (401 when it is gone or the
 * token was issued before the identity's token version was bumped), the caller's rules and the
 * collaborations its organization belongs to. Nodes hold the rules of the fixed role `node`,
 * containers those of `container`.
 */
export async function loadCaller(
  em: FedhubEntityManager,
  identity: VerifiedIdentity,
): Promise<Caller> {
  if (identity.clientType === 'container') return loadContainer(em, identity.subject)
  const rows = (await em.execute(identity.clientType === 'user' ? USER_ROW : NODE_ROW, [
    identity.id,
  ])) as IdentityRow[]
  const row = rows[0]
  if (row === undefined) throw loadError(identity.id)
  if (Number(row.token_version ?? 0) !== identity.tokenVersion) throw revoked()
  const organizationId = row.organization_id === null ? null : Number(row.organization_id)
  const isUser = identity.clientType === 'user'
  const [ruleRows, roleRows, memberRows] = await Promise.all([
    isUser
      ? (em.execute(USER_RULES, [identity.id, identity.id]) as Promise<RuleRow[]>)
      : (em.execute(ROLE_RULES, [DefaultRole.NODE, true]) as Promise<RuleRow[]>),
    isUser
      ? (em.execute('select role_id from "Permission" where user_id = ?', [identity.id]) as Promise<
          Array<{ role_id: number }>
        >)
      : Promise.resolve([]),
    organizationId === null
      ? Promise.resolve([])
      : (em.execute(MEMBERSHIPS, [organizationId]) as Promise<MemberRow[]>),
  ])
  return {
    type: identity.clientType,
    id: identity.id,
    username: isUser ? (row.username ?? undefined) : undefined,
    organizationId,
    ...memberships(memberRows),
    ...distinctRules(ruleRows),
    roleIds: [...new Set(roleRows.map((r) => Number(r.role_id)))].sort((a, b) => a - b),
    container: undefined,
  }
}

async function loadContainer(
  em: FedhubEntityManager,
  subject: Extract<VerifiedIdentity, { clientType: 'container' }>['subject'],
): Promise<Caller> {
  const [open, ruleRows, memberRows] = await Promise.all([
    em.execute(OPEN_RUN, [subject.task_id]) as Promise<unknown[]>,
    em.execute(ROLE_RULES, [DefaultRole.CONTAINER, true]) as Promise<RuleRow[]>,
    em.execute(COLLABORATION_MEMBERS, [subject.collaboration_id]) as Promise<MemberRow[]>,
  ])
  if (open.length === 0) throw finishedTask()
  return {
    type: 'container',
    id: undefined,
    username: undefined,
    organizationId: subject.organization_id,
    ...memberships(memberRows),
    collaborationIds: new Set([subject.collaboration_id]),
    ...distinctRules(ruleRows),
    roleIds: [],
    container: subject,
  }
}
