import type { FedhubOrm } from '@fedhub/shared/data'
import { Outbox } from '@fedhub/shared/entities'
import { EVENTS } from '@fedhub/shared/events'
import type { UserFixture } from './fixtures.ts'
import { eventually } from './helpers.ts'

/** Mail events auth wrote to the outbox for one user, oldest first. */
export async function mailsFor(
  orm: FedhubOrm,
  subject: string,
  userId: number,
): Promise<Array<Record<string, unknown>>> {
  const rows = await orm.em.fork().find(Outbox, { subject }, { orderBy: { id: 'asc' } })
  return rows
    .map((row) => row.payload as Record<string, unknown> & { recipient: { user_id: number } })
    .filter((payload) => payload.recipient.user_id === userId)
}

/** Waits for a reset mail and answers the token it carries. */
export async function resetTokenFor(
  orm: FedhubOrm,
  user: UserFixture,
  kind: 'password' | 'two_factor',
): Promise<string> {
  const mails = await eventually(async () => {
    const found = (await mailsFor(orm, EVENTS.resetTokenMail.subject, user.id)).filter(
      (m) => m.kind === kind,
    )
    return found.length > 0 ? found : undefined
  })
  return mails[mails.length - 1]?.token as string
}
