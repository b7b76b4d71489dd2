import type { SmtpConfig } from '@fedhub/shared/config'
import { createTransport } from 'nodemailer'
import { classifySmtpError } from './classify-smtp-error.ts'
import { type MailTransport, messageIdOf } from './mail-transport.ts'

export interface SmtpTransportOptions {
  /** Parallel SMTP connections in the pool. */
  maxConnections?: number
  /** How long a readiness answer is reused, so `/readyz` probes do not hammer the server. */
  verifyCacheMs?: number
}

/**
 * nodemailer over a pool of SMTP connections. STARTTLS is required when `MAIL_USE_TLS` is set
 * (as upstream, which fails without it) and not attempted otherwise; `MAIL_USE_SSL` means
 * implicit TLS. Like upstream, it logs in only when both username and password are set.
 */
export function createSmtpTransport(
  smtp: SmtpConfig,
  options: SmtpTransportOptions = {},
): MailTransport {
  const transporter = createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    requireTLS: !smtp.implicitTls && smtp.startTls,
    ignoreTLS: !smtp.implicitTls && !smtp.startTls,
    ...(smtp.username !== '' && smtp.password !== ''
      ? { auth: { user: smtp.username, pass: smtp.password } }
      : {}),
    // Together well under the mailer's 5 minute ack wait (see CONSUMERS in shared).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  })
  const cacheMs = options.verifyCacheMs ?? 10_000
  let cached: { at: number; ready: Promise<boolean> } | undefined

  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: smtp.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: messageIdOf(mail.mailId),
        })
        return { smtpResponse: info.response }
      } catch (err) {
        throw classifySmtpError(err)
      }
    },

    verify() {
      const now = Date.now()
      if (cached === undefined || now - cached.at > cacheMs) {
        cached = {
          at: now,
          ready: transporter.verify().then(
            () => true,
            () => false,
          ),
        }
      }
      return cached.ready
    },

    close() {
      transporter.close()
    },
  }
}
