import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A mail the loopback server accepted. */
export interface ReceivedMail {
  to: string[]
  raw: string
  messageId: string | undefined
}

/** How the loopback server answers the DATA command; tests change it while it runs. */
export interface SinkPolicy {
  /** Refuse this many more mails with `451` before accepting. */
  temporaryFailures: number
  /** Refuse every mail with `550` while set. */
  permanent: boolean
}

function refusal(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code })
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), without TLS or login, recording
 * what it accepts and refusing on demand.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = []
  const policy: SinkPolicy = { temporaryFailures: 0, permanent: false }
  let refused = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (policy.permanent) {
          refused++
          return callback(refusal(550, 'mailbox unavailable'))
        }
        if (policy.temporaryFailures > 0) {
          policy.temporaryFailures--
          refused++
          return callback(refusal(451, 'try again later'))
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1],
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    policy,
    refusals: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>
