/**
 * A timestamp as upstream prints its naive UTC datetimes: ISO 8601 without a zone, microseconds
 * only when non-zero (JavaScript keeps milliseconds, so the last three digits are zeros).
 */
export function formatTimestamp(value: Date | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const iso = value.toISOString().slice(0, -1)
  const [seconds, millis] = iso.split('.') as [string, string]
  return millis === '000' ? seconds : `${seconds}.${millis}000`
}

/** Bytes stored in a bytea/blob column as the base64 text the API shows; `""` when empty. */
export function base64Of(value: Uint8Array | ArrayBuffer | null | undefined): string {
  if (value === null || value === undefined) return ''
  const bytes = value instanceof Uint8Array ? value : new Uint8Array(value)
  return Buffer.from(bytes).toString('base64')
}

/** JSON-schema pattern for a date filter: `yyyy-mm-dd`, optionally with a time. */
export const DATE_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?)?$'

/** A date filter value read as UTC, as upstream stores its naive timestamps. */
export function utcDate(value: string): Date {
  const iso = value.length === 10 ? `${value}T00:00:00` : value.replace(' ', 'T')
  return new Date(`${iso}Z`)
}
