import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import type { TokenVersions } from '@fedhub/shared/tokens'
import { authErrors } from './auth-errors.ts'
import type { BcryptQueue } from './bcrypt-queue.ts'
import { passwordProblem } from './password-policy.ts'
import type { UserLogin } from './user-login.ts'

export interface PasswordChangeDeps {
  login: UserLogin
  bcrypt: BcryptQueue
  versions: TokenVersions
  bcryptRounds: number
}

/**
 * A user changes their own password: the current one is checked like a login (it counts towards
 * the lockout), and the change bumps the token version so every token issued before dies.
 */
export function createPasswordChange(deps: PasswordChangeDeps) {
  return async function changePassword(
    em: FedhubEntityManager,
    userId: number,
    current: string,
    next: string,
    clientIp: string,
  ): Promise<void> {
    const user = await em.findOne(User, { id: userId }, { disableIdentityMap: true })
    if (user === null) throw authErrors.identityMissing(userId)
    await deps.login(em, user.username ?? '', current, clientIp)
    if (next === current) throw authErrors.samePassword()
    const problem = passwordProblem(next)
    if (problem !== undefined) throw authErrors.weakPassword(problem)
    const hash = await deps.bcrypt.hash(next, deps.bcryptRounds)
    const version = await em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: userId }, { password: hash })
      return deps.versions.bump(tx, userId)
    })
    await deps.versions.announce(userId, version)
  }
}
