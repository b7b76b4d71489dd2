import type { RenderedMail } from '../domain/rendered-mail.ts'

/** One mail handed to a transport, with the id that makes its Message-ID and file name stable. */
export interface OutgoingMail extends RenderedMail {
  mailId: string
}

/** Where rendered mails go: SMTP in a deployment, `.eml` files in standalone. */
export interface MailTransport {
  /** Sends the mail and answers fields for the log line (a file name, the SMTP reply; no body). */
  send(mail: OutgoingMail): Promise<Record<string, string>>
  /** Whether the transport can take mail now (for `/readyz`). */
  verify(): Promise<boolean>
  close(): void
}

/**
 * A send that failed. `permanent` failures (an SMTP 5xx reply, a message nodemailer cannot
 * build) are parked; anything else is retried, because a later attempt may succeed.
 */
export class MailSendError extends Error {
  readonly permanent: boolean
  readonly responseCode: number | undefined

  constructor(
    message: string,
    options: { permanent: boolean; responseCode?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause })
    this.name = 'MailSendError'
    this.permanent = options.permanent
    this.responseCode = options.responseCode
  }
}

/** A Message-ID built from the mail id, so a receiving server can spot a repeat too. */
export function messageIdOf(mailId: string): string {
  return `<${mailId.replace(/[^A-Za-z0-9._-]/g, '_')}@fedhub.mailer>`
}
