import { setTimeout as delay } from 'node:timers/promises'
import type { Logger } from '@fedhub/shared/logging'
import {
  type ApiEndpoint,
  ApiError,
  apiUrl,
  collectPages,
  type HttpMethod,
  type Page,
  type Query,
  sendJson,
} from './http.ts'
import { decodeClaims, nodeIdOf } from './jwt-claims.ts'
import type { NodeTimings } from './timings.ts'

/** The server refused the API key: the official node stops for good. */
export class ApiKeyRefusedError extends Error {
  constructor() {
    super('the server does not recognise the API key')
    this.name = 'ApiKeyRefusedError'
  }
}

interface TokenReply {
  access_token?: unknown
  refresh_token?: unknown
  refresh_url?: unknown
}

export interface NodeSessionOptions {
  endpoint: ApiEndpoint
  apiKey: string
  timings: NodeTimings
  logger: Logger
  signal: AbortSignal
  /**
   * Like the official node, answer any status above 210 with one token refresh and one retry.
   * On by default; a load test may turn it off to keep refused patches cheap.
   */
  refreshOnError?: boolean
}

/**
 * A node's REST conversation with the server: login with the API key, refresh, and requests
 * with the node token, behaving as the official node's HTTP client does.
 */
export class NodeSession {
  private accessToken: string | undefined
  private refreshToken: string | undefined
  private refreshPath: string | undefined

  constructor(private readonly options: NodeSessionOptions) {}

  get endpoint(): ApiEndpoint {
    return this.options.endpoint
  }

  /** The current access token; the socket presents it at connect. */
  get token(): string {
    if (this.accessToken === undefined) throw new Error('the node has not logged in')
    return this.accessToken
  }

  get nodeId(): number {
    return nodeIdOf(this.token)
  }

  /** Milliseconds since the epoch at which the access token expires, if it does. */
  get expiresAt(): number | undefined {
    const exp = decodeClaims(this.token).exp
    return typeof exp === 'number' ? exp * 1000 : undefined
  }

  /**
   * `POST token/node`. A refused key (401) ends at once; other failures are retried at the
   * login interval until the give-up time, as the official node does.
   */
  async login(): Promise<void> {
    const { timings, signal } = this.options
    const giveUpAt = Date.now() + timings.loginGiveUpMs
    for (;;) {
      const reply = await sendJson('POST', apiUrl(this.endpoint, 'token/node'), {
        body: { api_key: this.options.apiKey },
        signal,
        connectionRetryMs: timings.connectionRetryMs,
      })
      if (reply.status === 200 && this.takeTokens(reply.body)) return
      if (reply.status === 401) throw new ApiKeyRefusedError()
      const error = new ApiError('POST', 'token/node', reply.status, reply.body)
      if (Date.now() + timings.loginRetryMs > giveUpAt) throw error
      this.options.logger.warn({ err: error }, 'login failed, retrying')
      await delay(timings.loginRetryMs, undefined, { signal })
    }
  }

  /** `POST {refresh_url}` with the refresh token; throws when the server refuses. */
  async refresh(): Promise<void> {
    if (this.refreshToken === undefined || this.refreshPath === undefined) {
      throw new Error('the node has not logged in')
    }
    const url = new URL(this.refreshPath, this.endpoint.serverUrl).toString()
    const reply = await sendJson('POST', url, {
      token: this.refreshToken,
      signal: this.options.signal,
      connectionRetryMs: this.options.timings.connectionRetryMs,
    })
    if (reply.status !== 200 || !this.takeTokens(reply.body)) {
      throw new ApiError('POST', this.refreshPath, reply.status, reply.body)
    }
  }

  /**
   * A request with the node token. Any status above 210 costs one refresh and one retry, as
   * in the official client; a second failure throws `ApiError`.
   */
  async request<T>(method: HttpMethod, path: string, body?: unknown, query?: Query): Promise<T> {
    const send = () =>
      sendJson(method, apiUrl(this.endpoint, path, query), {
        token: this.token,
        body,
        signal: this.options.signal,
        connectionRetryMs: this.options.timings.connectionRetryMs,
      })
    let reply = await send()
    if (reply.status > 210 && this.options.refreshOnError !== false) {
      try {
        await this.refresh()
      } catch (error) {
        this.options.logger.debug({ err: error }, 'refresh after a failed request failed')
      }
      reply = await send()
    }
    if (reply.status > 210) throw new ApiError(method, path, reply.status, reply.body)
    return reply.body as T
  }

  /** Every item of a paginated list. */
  list<T>(path: string, query: Query = {}): Promise<T[]> {
    return collectPages((page) => this.request<Page<T>>('GET', path, undefined, { ...query, page }))
  }

  /**
   * Replaces the access token, e.g. with an expired one.
   * @deprecated test hook: lets a test make the next socket connect present a stale token.
   */
  useAccessTokenForTest(token: string): void {
    this.accessToken = token
  }

  private takeTokens(body: unknown): boolean {
    const reply = (body ?? {}) as TokenReply
    if (typeof reply.access_token !== 'string') return false
    this.accessToken = reply.access_token
    if (typeof reply.refresh_token === 'string') this.refreshToken = reply.refresh_token
    if (typeof reply.refresh_url === 'string') this.refreshPath = reply.refresh_url
    return true
  }
}
