import type { AccountBlockedMailEvent } from '@fedhub/shared/events'
import { html, htmlDocument, textFooter } from './html-layout.ts'
import { formatUtc, greetingName, type MailSettings, type RenderedMail } from './rendered-mail.ts'

// Kept from upstream so that mail filters people set up there keep working.
const SUBJECT = 'Failed login attempts on your vantage6 account'

/** The mail that tells a user their account is locked after repeated failed logins. */
export function renderAccountBlocked(
  event: AccountBlockedMailEvent,
  settings: MailSettings,
): RenderedMail {
  const name = greetingName(event.recipient)
  const when = formatUtc(event.at)
  const text = [
    `Hello ${name},`,
    '',
    `Someone tried to sign in to your vantage6 account "${event.recipient.username}" with a wrong password ${event.allowed_attempts} times in a row, so we have locked the account for now.`,
    '',
    `Last attempt from: ${event.ip}`,
    `Time: ${when}`,
    '',
    `You can sign in again in ${event.minutes_remaining} minutes. If you forgot your password, you can also ask for a reset token by e-mail now.`,
    'If these attempts were not yours, please reset your password and tell your administrator.',
    '',
    textFooter(settings),
  ].join('\n')
  const body = [
    html`Hello ${name},`,
    html`Someone tried to sign in to your vantage6 account <strong>${event.recipient.username}</strong> with a wrong password ${event.allowed_attempts} times in a row, so we have locked the account for now.`,
    html`Last attempt from: ${event.ip}<br>Time: ${when}`,
    html`You can sign in again in ${event.minutes_remaining} minutes. If you forgot your password, you can also ask for a reset token by e-mail now.`,
    html`If these attempts were not yours, please reset your password and tell your administrator.`,
  ]
  return {
    to: event.recipient.email,
    subject: SUBJECT,
    text,
    html: htmlDocument(SUBJECT, body, settings),
  }
}
