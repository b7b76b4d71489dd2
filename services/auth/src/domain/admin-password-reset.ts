import { randomBytes } from 'node:crypto'
import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import { AppError } from '@fedhub/shared/errors'
import type { TokenVersions } from '@fedhub/shared/tokens'
import bcrypt from 'bcrypt'
import { passwordProblem } from './password-policy.ts'

/** A random password that passes the policy: 24 base64url characters plus one of each class. */
export function generatePassword(): string {
  return `${randomBytes(18).toString('base64url')}aA1!`
}

/**
 * An operator sets a user's password from the command line (for a lost root account): the
 * account is unlocked and every token issued before stops working.
 */
export async function adminResetPassword(
  em: FedhubEntityManager,
  versions: TokenVersions,
  username: string,
  password: string,
  rounds: number,
): Promise<number> {
  const problem = passwordProblem(password)
  if (problem !== undefined) throw new AppError('auth.weak_password', problem, { status: 400 })
  const hash = await bcrypt.hash(password, rounds)
  const user = await em.findOne(User, { username })
  if (user === null) {
    throw new AppError('user.not_found', `no user named '${username}'`, { status: 404 })
  }
  const version = await em.transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: user.id }, { password: hash, failedLoginAttempts: 0 })
    return versions.bump(tx, user.id)
  })
  await versions.announce(user.id, version)
  return user.id
}
