import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import { raw } from '@mikro-orm/core'

export interface LockoutPolicy {
  maxFailedAttempts: number
  inactivationMinutes: number
}

const cutoffOf = (policy: LockoutPolicy, now: Date) =>
  new Date(now.getTime() - policy.inactivationMinutes * 60_000)

/**
 * Reserves one login attempt before bcrypt runs: a single UPDATE that counts the attempt as a
 * failure unless the account is locked. The database serialises these updates per row, so 50
 * parallel attempts lock the account after exactly `maxFailedAttempts`. A lock that has expired
 * restarts the count at 1, as upstream does. Answers false when the account is locked.
 */
export async function reserveAttempt(
  em: FedhubEntityManager,
  userId: number,
  policy: LockoutPolicy,
  now: Date,
): Promise<boolean> {
  const max = policy.maxFailedAttempts
  const result = await em
    .createQueryBuilder(User)
    .update({
      failedLoginAttempts: raw(
        `case when failed_login_attempts is null or failed_login_attempts <= 0 or failed_login_attempts >= ? then 1 else failed_login_attempts + 1 end`,
        [max],
      ),
      lastLoginAttempt: now,
    })
    .where({
      id: userId,
      $or: [
        { failedLoginAttempts: null },
        { failedLoginAttempts: { $lt: max } },
        { lastLoginAttempt: null },
        { lastLoginAttempt: { $lt: cutoffOf(policy, now) } },
      ],
    })
    .execute('run')
  return result.affectedRows === 1
}

/**
 * Undoes the reservation of an attempt whose password was right. Success does not count as an
 * attempt upstream, so the time of the last failed attempt is put back.
 */
export async function clearFailures(
  em: FedhubEntityManager,
  userId: number,
  lastFailedAttempt: Date | null,
): Promise<void> {
  await em
    .createQueryBuilder(User)
    .update({ failedLoginAttempts: 0, lastLoginAttempt: lastFailedAttempt })
    .where({ id: userId })
    .execute('run')
}

/** Whole minutes until a lock ends, counted upstream's way (a started minute counts). */
export function minutesRemaining(
  policy: LockoutPolicy,
  lastFailedAttempt: Date | null | undefined,
  now: Date,
): number {
  if (lastFailedAttempt === null || lastFailedAttempt === undefined) return 0
  // Concurrent attempts read the clock before they queue for the row, so the last failure may
  // carry a slightly later time than `now`: that is no time elapsed, and never more than the lock.
  const elapsed = Math.max(0, (now.getTime() - lastFailedAttempt.getTime()) / 1000)
  const left = policy.inactivationMinutes * 60 - elapsed
  return left <= 0 ? 0 : Math.min(policy.inactivationMinutes, Math.floor(left / 60) + 1)
}
