/** JSON-schema pattern for an ISO-8601 timestamp; a missing zone means UTC. */
export const ISO_TIMESTAMP =
  '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|z|[+-]\\d{2}(?::?\\d{2})?)?$'

/**
 * Reads a timestamp the schema admitted. Upstream takes only `…SS.ffffff[+00:00]` and answers 500
 * otherwise; any ISO-8601 form works here, a naive one read as UTC as upstream stores them.
 */
export function parseTimestamp(value: string): Date {
  const match = /^(.*?[T ]\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value)
  if (match === null) return new Date(Number.NaN)
  const [, base = '', fraction = '', zone] = match
  const millis = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0')
  const offset =
    zone === undefined || zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.includes(':')
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`
  return new Date(`${base.replace(' ', 'T')}${millis}${offset}`)
}
