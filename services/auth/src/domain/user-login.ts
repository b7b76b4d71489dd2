import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import { authErrors } from './auth-errors.ts'
import type { Background } from './background.ts'
import type { BcryptQueue } from './bcrypt-queue.ts'
import { clearFailures, type LockoutPolicy, minutesRemaining, reserveAttempt } from './lockout.ts'
import { claimMailSlot, queueBlockedMail, recipientOf } from './mail-events.ts'

export interface UserLoginDeps {
  bcrypt: BcryptQueue
  /** A hash of a random password at the configured cost, for accounts we must not check. */
  dummyHash: string
  policy: LockoutPolicy & { betweenUserEmailsMinutes: number }
  background: Background
  /** A fresh EntityManager for work done after the answer. */
  fork(): Promise<FedhubEntityManager>
  now?: () => Date
}

/**
 * Upstream's `user_login`: the credential check shared by login, 2FA recovery and password
 * change. Every failure costs exactly one bcrypt call and answers the same 401, whether the user
 * is unknown, locked or wrong, so neither the answer nor its timing tells them apart.
 */
export function createUserLogin(deps: UserLoginDeps) {
  const now = deps.now ?? (() => new Date())

  const sendBlockedMail = (userId: number, ip: string, at: Date) =>
    deps.background.run('blocked mail', async () => {
      const em = await deps.fork()
      await em.transactional(async (tx) => {
        // Read unmanaged: the transaction's flush must write the outbox row only.
        const user = await tx.findOne(User, { id: userId }, { disableIdentityMap: true })
        const recipient = user === null ? undefined : recipientOf(user)
        if (user === null || recipient === undefined) return
        const gap = deps.policy.betweenUserEmailsMinutes
        if (!(await claimMailSlot(tx, userId, 'lastEmailFailedLoginSent', gap, at))) return
        queueBlockedMail(tx, {
          recipient,
          allowed_attempts: deps.policy.maxFailedAttempts,
          ip,
          at: at.toISOString(),
          minutes_remaining: minutesRemaining(deps.policy, user.lastLoginAttempt, at),
        })
      })
    })

  return async function login(
    em: FedhubEntityManager,
    username: string,
    password: string,
    clientIp: string,
  ): Promise<User> {
    // Unmanaged: a later transaction on this EntityManager must not try to flush it.
    const user = await em.findOne(User, { username }, { disableIdentityMap: true })
    if (user === null) {
      await deps.bcrypt.compare(password, deps.dummyHash)
      throw authErrors.loginFailed()
    }
    const at = now()
    const previousFailure = user.lastLoginAttempt ?? null
    if (!(await reserveAttempt(em, user.id, deps.policy, at))) {
      await deps.bcrypt.compare(password, deps.dummyHash)
      sendBlockedMail(user.id, clientIp, at)
      throw authErrors.loginFailed()
    }
    const hash = user.password ?? deps.dummyHash
    const matches = await deps.bcrypt.compare(password, hash)
    if (!matches || user.password === null || user.password === undefined) {
      throw authErrors.loginFailed()
    }
    await clearFailures(em, user.id, previousFailure)
    return user
  }
}

export type UserLogin = ReturnType<typeof createUserLogin>
