/**
 * The query string as the client sent it: keys in first-seen order, each with its first value,
 * because page links repeat the request's parameters that way. Values arrive decoded.
 */
export function firstValues(rawUrl: string): Array<[string, string]> {
  const question = rawUrl.indexOf('?')
  if (question < 0) return []
  const seen = new Map<string, string>()
  for (const [key, value] of new URLSearchParams(rawUrl.slice(question + 1))) {
    if (!seen.has(key)) seen.set(key, value)
  }
  return [...seen]
}

// Matches Python's `quote_plus`: only letters, digits and `_.-~` stay as they are, and a space
// becomes `+`. encodeURIComponent leaves `!'()*` alone, so those are escaped here.
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+')
}

/** Encodes pairs as a query string the way upstream's links are written. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${quotePlus(key)}=${quotePlus(value)}`).join('&')
}

/** The request path without its query string. */
export function pathOf(rawUrl: string): string {
  const question = rawUrl.indexOf('?')
  return question < 0 ? rawUrl : rawUrl.slice(0, question)
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'on'])

/**
 * Reads a boolean query flag. Unlike upstream (any non-empty value is true), `false`, `0` and
 * `no` mean false: the Python client sends `delete_dependents=False` by default. The route
 * schemas admit only the spellings of {@link FLAG_PATTERN}.
 */
export function parseFlag(value: string | undefined): boolean {
  return value !== undefined && TRUE.has(value.toLowerCase())
}

/** JSON-schema pattern for a boolean flag: true/false, 1/0, yes/no, on/off, in any case. */
export const FLAG_PATTERN =
  '^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0|[Yy](?:[Ee][Ss])?|[Nn][Oo]?|[Oo][Nn]|[Oo][Ff][Ff]|)$'

/**
 * Reads `include`, given as `include=a,b` or `include=a&include=b`; unknown values are dropped.
 */
export function parseInclude<T extends string>(
  value: string | readonly string[] | undefined,
  known: readonly T[],
): Set<T> {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : value
  const wanted = list.flatMap((item) => item.split(',')).map((item) => item.trim())
  return new Set(known.filter((name) => wanted.includes(name)))
}

interface QuerySchema {
  properties?: Readonly<Record<string, { type?: unknown }>>
}

const takesList = (property: { type?: unknown } | undefined) =>
  property !== undefined &&
  (property.type === 'array' || (Array.isArray(property.type) && property.type.includes('array')))

/**
 * A query string with each repeated parameter cut to its first value, unless the route's schema
 * takes a list for it. Upstream reads single-valued parameters with `args.get`, which keeps the
 * first value; without this, `?name=a&name=b` would fail validation as "Must be string".
 */
export function firstOfRepeated(
  query: Readonly<Record<string, unknown>>,
  schema: QuerySchema | undefined,
): Record<string, unknown> {
  const properties = schema?.properties ?? {}
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(query)) {
    result[key] =
      Array.isArray(value) && !takesList(properties[key]) && Object.hasOwn(properties, key)
        ? value[0]
        : value
  }
  return result
}
