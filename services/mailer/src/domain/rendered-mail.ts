/** A mail ready for a transport: one recipient, a subject, and both bodies. */
export interface RenderedMail {
  to: string
  subject: string
  text: string
  html: string
}

/** Settings every template needs, taken from the configuration. */
export interface MailSettings {
  /** Where recipients can ask for help (`support_email`). */
  supportEmail: string
}

/** The greeting name: the first name when there is one, else the username. */
export function greetingName(recipient: { firstname: string | null; username: string }): string {
  const first = recipient.firstname?.trim() ?? ''
  return first === '' ? recipient.username : first
}

/** An ISO timestamp as a reader-friendly UTC time, e.g. `2025-01-02 03:04:05 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}
