import { MailSendError } from './mail-transport.ts'

interface NodemailerError {
  message?: string
  code?: string
  responseCode?: number
  response?: string
}

// Failures of the message itself: sending it again can never work.
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE'])

/**
 * Sorts a nodemailer failure into retry or park. A 5xx reply is permanent, except a refused
 * login (EAUTH), which is a server-side misconfiguration that would otherwise park every mail;
 * 4xx replies, timeouts and connection errors are temporary.
 */
export function classifySmtpError(err: unknown): MailSendError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodemailerError
  const code = e.responseCode
  const permanent =
    e.code !== 'EAUTH' &&
    ((code !== undefined && code >= 500) ||
      (code === undefined && PERMANENT_CODES.has(e.code ?? '')))
  // The SMTP reply says why; the message text may embed addresses but never a token.
  const reason = e.response ?? e.message ?? String(err)
  return new MailSendError(`${e.code ?? 'ESMTP'}: ${reason}`, {
    permanent,
    ...(code === undefined ? {} : { responseCode: code }),
    cause: err,
  })
}
