import type { FedhubEntityManager } from '@fedhub/shared/data'
import { type Role, type Rule, User } from '@fedhub/shared/entities'
import { errors } from '@fedhub/shared/errors'
import { assertHoldsRules, type Caller, isSelf } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { firstMissing, rolesWithRules, ruleRef, rulesById } from '../grants.ts'
import { assertUsername } from '../names.ts'
import { passwordProblem } from '../password-policy.ts'
import { USER_RULES } from '../resource-rules.ts'
import type { CreateUserInput } from './create-user.ts'
import { findUser } from './get-user.ts'

export type UpdateUserInput = Partial<CreateUserInput>

/**
 * `PATCH /user/<id>` in upstream's order of checks, but atomic: nothing is written unless every
 * check passes (upstream can persist the field changes of a request that fails later).
 */
export async function updateUser(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: UpdateUserInput,
): Promise<User> {
  const user = await findUser(em, id, `user id=${id} not found`)
  assertUsername(input.username)
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password)
    if (problem !== undefined) throw errors.invalidBody({ password: [problem] })
    throw badRequest('user.password_here', 'You cannot change your password here!')
  }
  const guard = USER_RULES.for(caller)
  const self = isSelf(caller, id)
  if (!(guard.has('OWN', 'EDIT') && self) && !guard.allowedForOrg('EDIT', user.organization?.id)) {
    throw denied()
  }
  if (input.username !== undefined && input.username !== null && input.username !== user.username) {
    if ((await em.count(User, { username: input.username })) > 0) {
      throw badRequest('user.username_taken', 'User with that username already exists')
    }
    if (!self)
      throw badRequest('user.username_other', 'You cannot change the username of another user')
    user.username = input.username
  }
  if (input.firstname !== undefined && input.firstname !== null) user.firstname = input.firstname
  if (input.lastname !== undefined && input.lastname !== null) user.lastname = input.lastname
  if (input.email !== undefined && input.email !== null && input.email !== user.email) {
    if ((await em.count(User, { email: input.email })) > 0) {
      throw badRequest('user.email_taken', 'User with that email already exists.')
    }
    user.email = input.email
  }
  if (input.roles !== undefined && input.roles !== null) {
    await replaceRoles(em, caller, user, input.roles, self)
  }
  if (input.rules !== undefined && input.rules !== null) {
    await replaceRules(em, caller, user, input.rules, self)
  }
  try {
    await em.flush()
  } catch (error) {
    throw badRequest('user.integrity', 'User could not be updated with those parameters.', error)
  }
  return user
}

async function replaceRoles(
  em: FedhubEntityManager,
  caller: Caller,
  user: User,
  ids: number[],
  self: boolean,
): Promise<void> {
  const wanted = await rolesWithRules(em, ids)
  const missing = firstMissing(ids, wanted)
  if (missing !== undefined) throw notFound('role.not_found', `Role=${missing} can not be found!`)
  if (self) throw denied("You can't changes your own roles!")
  const orgId = user.organization?.id
  for (const role of wanted) {
    assertHoldsRules(caller, role.rules.getItems().map(ruleRef))
    const roleOrg = role.organization?.id
    if (roleOrg !== undefined && roleOrg !== orgId) {
      throw denied(
        "You can't assign that role to that user as the role belongs to a different organization than the user ",
      )
    }
  }
  await em.populate(user, ['roles.rules'])
  const keep = new Set(wanted.map((role) => role.id))
  const removed: Role[] = user.roles.getItems().filter((role) => !keep.has(role.id))
  // Taking a role away needs its rules too, so an organization admin cannot strip Root.
  for (const role of removed) assertHoldsRules(caller, role.rules.getItems().map(ruleRef))
  user.roles.set(wanted)
}

async function replaceRules(
  em: FedhubEntityManager,
  caller: Caller,
  user: User,
  ids: number[],
  self: boolean,
): Promise<void> {
  const wanted = await rulesById(em, ids)
  const missing = firstMissing(ids, wanted)
  if (missing !== undefined) throw notFound('rule.not_found', `Rule=${missing} can not be found!`)
  if (self) throw denied("You can't changes your own rules!")
  await em.populate(user, ['rules'])
  const keep = new Set(wanted.map((rule) => rule.id))
  const removed: Rule[] = user.rules.getItems().filter((rule) => !keep.has(rule.id))
  assertHoldsRules(caller, wanted.map(ruleRef))
  assertHoldsRules(caller, removed.map(ruleRef))
  user.rules.set(wanted)
}
