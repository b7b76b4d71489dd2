import type {
  AccountBlockedMailEvent,
  PasswordResetNoticeMailEvent,
  ResetTokenMailEvent,
} from '@fedhub/shared/events'
import { EVENTS, type EventContract, eventProblems } from '@fedhub/shared/events'
import { renderAccountBlocked } from './account-blocked.ts'
import { renderPasswordResetNotice } from './password-reset-notice.ts'
import type { MailSettings, RenderedMail } from './rendered-mail.ts'
import { renderResetToken } from './reset-token.ts'

interface MailKind {
  contract: EventContract
  render(payload: unknown, settings: MailSettings): RenderedMail
}

// Payloads reach `render` only after their contract accepted them, hence the narrowing casts.
const KINDS: MailKind[] = [
  {
    contract: EVENTS.accountBlockedMail,
    render: (p, s) => renderAccountBlocked(p as AccountBlockedMailEvent, s),
  },
  {
    contract: EVENTS.resetTokenMail,
    render: (p, s) => renderResetToken(p as ResetTokenMailEvent, s),
  },
  {
    contract: EVENTS.passwordResetNoticeMail,
    render: (p, s) => renderPasswordResetNotice(p as PasswordResetNoticeMailEvent, s),
  },
]

/** A subject without its first token: `fedhub.mail.reset_token` → `mail.reset_token`. */
const tail = (subject: string) => subject.slice(subject.indexOf('.') + 1)

export type RenderResult = { ok: true; mail: RenderedMail } | { ok: false; problems: string[] }

/**
 * Renders the mail for an event, or says why the event is malformed. Subjects match on all but
 * their first token, which names the deployment's namespace (`fedhub`; tests use their own).
 */
export function renderMail(
  subject: string,
  payload: unknown,
  settings: MailSettings,
): RenderResult {
  const kind = KINDS.find((k) => tail(k.contract.subject) === tail(subject))
  if (kind === undefined)
    return { ok: false, problems: [`no mail contract for subject ${subject}`] }
  const problems = eventProblems(kind.contract, payload)
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, mail: kind.render(payload, settings) }
}
