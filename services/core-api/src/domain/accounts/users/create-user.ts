import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, Organization, User } from '@fedhub/shared/entities'
import { errors } from '@fedhub/shared/errors'
import bcrypt from 'bcrypt'
import { assertHoldsRules, type Caller } from '../../permissions/index.ts'
import { badRequest, denied, notFound } from '../account-errors.ts'
import { rolesWithRules, ruleRef, rulesById } from '../grants.ts'
import { passwordProblem } from '../password-policy.ts'
import { USER_RULES } from '../resource-rules.ts'

export interface CreateUserInput {
  username: string
  email: string
  password: string
  firstname?: string | null
  lastname?: string | null
  organization_id?: number | null
  roles?: number[] | null
  rules?: number[] | null
}

/**
 * `POST /user`, in upstream's order of checks. Unknown role and rule ids are ignored, as
 * upstream does; everything is written in one transaction.
 */
export async function createUser(
  em: FedhubEntityManager,
  caller: Caller,
  input: CreateUserInput,
  bcryptRounds: number,
): Promise<User> {
  const problem = passwordProblem(input.password)
  if (problem !== undefined) throw errors.invalidBody({ password: [problem] })
  if ((await em.count(User, { username: input.username })) > 0) {
    throw badRequest('user.username_taken', 'username already exists.')
  }
  if ((await em.count(User, { email: input.email })) > 0) {
    throw badRequest('user.email_taken', 'email already exists.')
  }
  const guard = USER_RULES.for(caller)
  const organizationId = input.organization_id ?? caller.organizationId
  if (organizationId !== caller.organizationId && guard.has('GLOBAL', 'CREATE')) {
    if (organizationId === null || (await em.count(Organization, { id: organizationId })) === 0) {
      throw notFound('organization.not_found', 'Organization does not exist.')
    }
  }
  if (!guard.allowedForOrg('CREATE', organizationId)) throw denied()
  const roles = await rolesWithRules(em, input.roles ?? [])
  for (const role of roles) {
    assertHoldsRules(caller, role.rules.getItems().map(ruleRef))
    const roleOrg = role.organization?.id
    if (roleOrg !== undefined && roleOrg !== organizationId) {
      throw denied(
        "You can't assign that role as the role belongs to a different organization than the user.",
      )
    }
  }
  const rules = await rulesById(em, input.rules ?? [])
  assertHoldsRules(caller, rules.map(ruleRef))
  const hash = await bcrypt.hash(input.password, bcryptRounds)
  return em.transactional(async (tx) => {
    const identity = tx.create(Authenticatable, { type: 'user' })
    await tx.flush()
    const user = tx.create(User, {
      id: identity.id,
      username: input.username,
      email: input.email,
      password: hash,
      firstname: input.firstname ?? null,
      lastname: input.lastname ?? null,
      organization: organizationId,
      failedLoginAttempts: 0,
      roles: roles.map((role) => role.id),
      rules: rules.map((rule) => rule.id),
    })
    user.authenticatable = identity
    await tx.flush()
    return user
  })
}
