import type { ResetTokenMailEvent } from '@fedhub/shared/events'
import { html, htmlDocument, textFooter } from './html-layout.ts'
import { greetingName, type MailSettings, type RenderedMail } from './rendered-mail.ts'

interface Wording {
  subject: string
  what: string
  ifNotYou: string
  endpoint: string
}

// Subjects kept from upstream so that existing mail filters still match.
const WORDING: Record<ResetTokenMailEvent['kind'], Wording> = {
  password: {
    subject: 'Password reset vantage6',
    what: 'password',
    ifNotYou: 'you can ignore this mail; your password stays as it is.',
    endpoint: 'recover/reset',
  },
  two_factor: {
    subject: 'Two-factor authentication reset vantage6',
    what: 'two-factor authentication',
    // Asking for a 2FA reset needs the password, so someone else has it.
    ifNotYou: 'someone else knows your password: change it straight away.',
    endpoint: 'recover/2fa/reset',
  },
}

/** The mail that carries a single-use token to reset a password or a second factor. */
export function renderResetToken(event: ResetTokenMailEvent, settings: MailSettings): RenderedMail {
  const wording = WORDING[event.kind]
  const name = greetingName(event.recipient)
  const text = [
    `Hello ${name},`,
    '',
    `We received a request to reset the ${wording.what} of your vantage6 account "${event.recipient.username}". Use this token to do so (for example in the vantage6 UI, or with the client's ${wording.endpoint} call):`,
    '',
    event.token,
    '',
    `The token works once and expires ${event.valid_minutes} minutes after it was issued.`,
    `If you did not ask for this, ${wording.ifNotYou}`,
    '',
    textFooter(settings),
  ].join('\n')
  const body = [
    html`Hello ${name},`,
    html`We received a request to reset the ${wording.what} of your vantage6 account <strong>${event.recipient.username}</strong>. Use this token to do so (for example in the vantage6 UI, or with the client's ${wording.endpoint} call):`,
    html`<code style="word-break: break-all;">${event.token}</code>`,
    html`The token works once and expires ${event.valid_minutes} minutes after it was issued.`,
    html`If you did not ask for this, ${wording.ifNotYou}`,
  ]
  return {
    to: event.recipient.email,
    subject: wording.subject,
    text,
    html: htmlDocument(wording.subject, body, settings),
  }
}
