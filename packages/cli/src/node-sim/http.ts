import { setTimeout as delay } from 'node:timers/promises'

/** Where a vantage6 server answers: `http://host:port` and its API path (`/api`). */
export interface ApiEndpoint {
  serverUrl: string
  apiPath: string
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export type Query = Record<string, string | number | boolean | undefined>

export interface JsonResponse {
  status: number
  body: unknown
}

/** A reply the caller cannot use; `msg` is the server's own sentence when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const { msg, errors } = (body ?? {}) as { msg?: unknown; errors?: unknown }
    const detail = errors === undefined ? '' : ` ${JSON.stringify(errors)}`
    super(
      `${method} ${path} answered ${status}${typeof msg === 'string' ? `: ${msg}` : ''}${detail}`,
    )
    this.name = 'ApiError'
  }
}

/** The absolute URL of an endpoint; a leading `/` is tolerated as the official clients do. */
export function apiUrl(endpoint: ApiEndpoint, path: string, query: Query = {}): string {
  const base = endpoint.serverUrl.replace(/\/+$/, '')
  const prefix = endpoint.apiPath.replace(/\/+$/, '')
  const url = new URL(`${base}${prefix}/${path.replace(/^\/+/, '')}`)
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  return url.toString()
}

export interface SendOptions {
  token?: string
  body?: unknown
  signal?: AbortSignal
  /** Delay between attempts while the server cannot be reached. */
  connectionRetryMs: number
}

/**
 * Sends one JSON request. Like the official clients it retries while the server cannot be
 * reached (until `signal` aborts) and returns every HTTP answer, error statuses included.
 */
export async function sendJson(
  method: HttpMethod,
  url: string,
  options: SendOptions,
): Promise<JsonResponse> {
  const headers: Record<string, string> = {}
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  for (;;) {
    options.signal?.throwIfAborted()
    let response: Response
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      })
    } catch (error) {
      if (options.signal?.aborted === true) throw error
      await delay(options.connectionRetryMs, undefined, { signal: options.signal })
      continue
    }
    const text = await response.text()
    let body: unknown = text
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      // Not JSON (a proxy's error page, say): the caller sees the text.
    }
    return { status: response.status, body }
  }
}

/** The paginated envelope of every list endpoint. */
export interface Page<T> {
  data: T[]
  links?: { next?: string }
}

/**
 * Every item of a paginated list, following `links.next` by page number as the node does.
 * `fetchPage` answers one page.
 */
export async function collectPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = []
  for (let page = 1; ; page++) {
    const result = await fetchPage(page)
    items.push(...result.data)
    if (result.links?.next === undefined || result.data.length === 0) return items
  }
}
