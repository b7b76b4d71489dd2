import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import type { TokenVersions } from '@fedhub/shared/tokens'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { BcryptQueue } from './bcrypt-queue.ts'
import { claimMailSlot, queueResetMail, queueResetNotice, recipientOf } from './mail-events.ts'
import type { ResetTokens } from './reset-tokens.ts'
import type { TokenIssuer } from './token-issuer.ts'
import { newTotpSecret } from './totp.ts'

export interface RecoveryDeps {
  issuer: TokenIssuer
  resetTokens: ResetTokens
  versions: TokenVersions
  bcrypt: BcryptQueue
  kv: KeyValueStore
  bcryptRounds: number
  betweenUserEmailsMinutes: number
  tokenValidityMinutes: number
}

/** Recovery use cases: reset mails, password reset with a mailed token, 2FA reset. */
export function createRecovery(deps: RecoveryDeps) {
  // The token version is read before the transaction: on SQLite's single connection a read
  // through another EntityManager inside it would wait for the transaction forever.
  const resetMail = async (
    tx: FedhubEntityManager,
    user: User,
    kind: 'password' | 'two_factor',
    version: number,
  ) => {
    const recipient = recipientOf(user)
    if (recipient === undefined) return
    const token = await deps.issuer.issueReset(user.id, kind, version)
    queueResetMail(tx, { recipient, kind, token, valid_minutes: deps.tokenValidityMinutes })
  }
  const versionOf = async (userId: number) => (await deps.versions.current(userId)) ?? 0

  return {
    /** Queues a password-reset mail, at most one per user per gap; silent about who exists. */
    async requestPasswordReset(
      em: FedhubEntityManager,
      lookup: { username?: string | undefined; email?: string | undefined },
    ): Promise<void> {
      const where =
        lookup.username !== undefined ? { username: lookup.username } : { email: lookup.email }
      const user = await em.findOne(User, where, { disableIdentityMap: true })
      if (user === null) return
      const version = await versionOf(user.id)
      await em.transactional(async (tx) => {
        const gap = deps.betweenUserEmailsMinutes
        if (!(await claimMailSlot(tx, user.id, 'lastEmailRecoverPasswordSent', gap, new Date()))) {
          return
        }
        await resetMail(tx, user, 'password', version)
      })
    },

    /**
     * Queues a 2FA-reset mail. Upstream has no limit here; one per gap per user is kept in the
     * shared store, as the user table has no column for it.
     */
    async requestTwoFactorReset(em: FedhubEntityManager, user: User): Promise<void> {
      const gapMs = deps.betweenUserEmailsMinutes * 60_000
      if (gapMs > 0) {
        const key = `auth:mail-2fa:${user.id}`
        if (!(await deps.kv.set(key, '1', { ttlMs: gapMs, onlyIfAbsent: true }))) return
      }
      const version = await versionOf(user.id)
      await em.transactional((tx) => resetMail(tx, user, 'two_factor', version))
    },

    /** Sets a new password with a mailed token; unlocks the account and retires old tokens. */
    async resetPassword(em: FedhubEntityManager, token: string, password: string): Promise<void> {
      const userId = await deps.resetTokens.redeem(token, 'password')
      const hash = await deps.bcrypt.hash(password, deps.bcryptRounds)
      const version = await em.transactional(async (tx) => {
        await tx.nativeUpdate(User, { id: userId }, { password: hash, failedLoginAttempts: 0 })
        const user = await tx.findOneOrFail(User, { id: userId }, { disableIdentityMap: true })
        const recipient = recipientOf(user)
        if (recipient !== undefined) {
          queueResetNotice(tx, { recipient, at: new Date().toISOString() })
        }
        return deps.versions.bump(tx, userId)
      })
      await deps.versions.announce(userId, version)
    },

    /** Replaces the TOTP secret with a mailed token; answers the new secret and its user. */
    async resetTwoFactor(em: FedhubEntityManager, token: string): Promise<User> {
      const userId = await deps.resetTokens.redeem(token, 'two_factor')
      const secret = newTotpSecret()
      await em.nativeUpdate(User, { id: userId }, { otpSecret: secret })
      return em.findOneOrFail(User, { id: userId }, { disableIdentityMap: true })
    },
  }
}

export type Recovery = ReturnType<typeof createRecovery>
