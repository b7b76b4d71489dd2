import type { PasswordResetNoticeMailEvent } from '@fedhub/shared/events'
import { html, htmlDocument, textFooter } from './html-layout.ts'
import { formatUtc, greetingName, type MailSettings, type RenderedMail } from './rendered-mail.ts'

const SUBJECT = 'Your vantage6 password was changed'

/** A fedhub addition: confirms a password reset, so an unexpected one does not go unnoticed. */
export function renderPasswordResetNotice(
  event: PasswordResetNoticeMailEvent,
  settings: MailSettings,
): RenderedMail {
  const name = greetingName(event.recipient)
  const when = formatUtc(event.at)
  const text = [
    `Hello ${name},`,
    '',
    `The password of your vantage6 account "${event.recipient.username}" was reset with an e-mailed token at ${when}.`,
    '',
    'If that was you, there is nothing more to do.',
    `If it was not, someone can read your mail or your account: contact ${settings.supportEmail} at once.`,
    '',
    textFooter(settings),
  ].join('\n')
  const body = [
    html`Hello ${name},`,
    html`The password of your vantage6 account <strong>${event.recipient.username}</strong> was reset with an e-mailed token at ${when}.`,
    html`If that was you, there is nothing more to do.`,
    html`If it was not, someone can read your mail or your account: contact ${settings.supportEmail} at once.`,
  ]
  return {
    to: event.recipient.email,
    subject: SUBJECT,
    text,
    html: htmlDocument(SUBJECT, body, settings),
  }
}
