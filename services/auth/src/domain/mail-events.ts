import { type FedhubEntityManager, writeOutbox } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import {
  type AccountBlockedMailEvent,
  EVENTS,
  type PasswordResetNoticeMailEvent,
  type ResetTokenMailEvent,
} from '@fedhub/shared/events'
import type { EntityData, FilterQuery } from '@mikro-orm/core'

type Recipient = AccountBlockedMailEvent['recipient']
type StampColumn = 'lastEmailFailedLoginSent' | 'lastEmailRecoverPasswordSent'

/** The mail recipient of a user, or undefined for a user without an address. */
export function recipientOf(user: User): Recipient | undefined {
  if (user.email === null || user.email === undefined || user.email.length < 3) return undefined
  return {
    user_id: user.id,
    email: user.email,
    username: user.username ?? '',
    firstname: user.firstname ?? null,
  }
}

/**
 * Claims the right to send one mail of a kind: a conditional update that succeeds only when the
 * previous mail is older than the gap. Replicas racing for the same user get one winner.
 */
export async function claimMailSlot(
  em: FedhubEntityManager,
  userId: number,
  column: StampColumn,
  gapMinutes: number,
  now: Date,
): Promise<boolean> {
  const before = new Date(now.getTime() - gapMinutes * 60_000)
  const [set, where]: [EntityData<User>, FilterQuery<User>] =
    column === 'lastEmailFailedLoginSent'
      ? [
          { lastEmailFailedLoginSent: now },
          {
            id: userId,
            $or: [
              { lastEmailFailedLoginSent: null },
              { lastEmailFailedLoginSent: { $lte: before } },
            ],
          },
        ]
      : [
          { lastEmailRecoverPasswordSent: now },
          {
            id: userId,
            $or: [
              { lastEmailRecoverPasswordSent: null },
              { lastEmailRecoverPasswordSent: { $lte: before } },
            ],
          },
        ]
  const result = await em.createQueryBuilder(User).update(set).where(where).execute('run')
  return result.affectedRows === 1
}

export function queueBlockedMail(em: FedhubEntityManager, event: AccountBlockedMailEvent): void {
  writeOutbox(em, EVENTS.accountBlockedMail.subject, event)
}

export function queueResetMail(em: FedhubEntityManager, event: ResetTokenMailEvent): void {
  writeOutbox(em, EVENTS.resetTokenMail.subject, event)
}

export function queueResetNotice(
  em: FedhubEntityManager,
  event: PasswordResetNoticeMailEvent,
): void {
  writeOutbox(em, EVENTS.passwordResetNoticeMail.subject, event)
}
