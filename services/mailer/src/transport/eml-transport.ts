import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTransport } from 'nodemailer'
import { MailSendError, type MailTransport, messageIdOf } from './mail-transport.ts'

// Upstream's default sender when no smtp section exists to name one.
const STANDALONE_FROM = 'noreply@vantage6.ai'

/**
 * Standalone without SMTP: each mail becomes an `.eml` file in `<dataDir>/mail/`, which any mail
 * client opens. Written under a temporary name and renamed, so a reader never sees half a mail.
 */
export function createEmlTransport(folder: string): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async send(mail) {
      const info = await composer.sendMail({
        from: STANDALONE_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.mailId),
      })
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      const name = `${stamp}-${mail.mailId.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`
      try {
        await mkdir(folder, { recursive: true })
        await writeFile(join(folder, `.${name}.tmp`), info.message)
        await rename(join(folder, `.${name}.tmp`), join(folder, name))
      } catch (err) {
        // A full or read-only disk may recover; retrying loses nothing.
        throw new MailSendError(`cannot write ${name}: ${(err as Error).message}`, {
          permanent: false,
          cause: err,
        })
      }
      return { file: name }
    },

    async verify() {
      return true
    },

    close() {},
  }
}
