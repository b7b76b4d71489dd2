import { type Static, Type } from 'typebox'

const Recipient = Type.Object({
  user_id: Type.Integer({ minimum: 1 }),
  email: Type.String({ minLength: 3 }),
  username: Type.String(),
  firstname: Type.Union([Type.String(), Type.Null()]),
})

/** Account blocked after too many failed logins (upstream `blocked_account` mail). */
export const AccountBlockedMail = Type.Object({
  recipient: Recipient,
  allowed_attempts: Type.Integer({ minimum: 1 }),
  ip: Type.String(),
  at: Type.String({ format: 'date-time' }),
  minutes_remaining: Type.Integer({ minimum: 0 }),
})

/** A single-use token to reset a password or a second factor (upstream `reset_token` mail). */
export const ResetTokenMail = Type.Object({
  recipient: Recipient,
  kind: Type.Enum(['password', 'two_factor']),
  token: Type.String({ minLength: 1 }),
  valid_minutes: Type.Integer({ minimum: 1 }),
})

/** Notice that a password was reset; a fedhub addition (upstream has the template, unused). */
export const PasswordResetNoticeMail = Type.Object({
  recipient: Recipient,
  at: Type.String({ format: 'date-time' }),
})

export type AccountBlockedMailEvent = Static<typeof AccountBlockedMail>
export type ResetTokenMailEvent = Static<typeof ResetTokenMail>
export type PasswordResetNoticeMailEvent = Static<typeof PasswordResetNoticeMail>
