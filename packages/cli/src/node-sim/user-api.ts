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
import { decodeClaims } from './jwt-claims.ts'

/**
 * A researcher's or administrator's REST calls, as a logged-in user: what provisioning and
 * the demo need. No refresh: these sessions are shorter than a token's life.
 */
export class UserApi {
  private constructor(
    readonly endpoint: ApiEndpoint,
    private readonly token: string,
  ) {}

  /** `POST token/user`; throws `ApiError` with the server's message when refused. */
  static async login(endpoint: ApiEndpoint, username: string, password: string): Promise<UserApi> {
    const reply = await sendJson('POST', apiUrl(endpoint, 'token/user'), {
      body: { username, password },
      connectionRetryMs: 1_000,
      signal: AbortSignal.timeout(60_000),
    })
    const token = (reply.body as { access_token?: unknown } | null)?.access_token
    if (reply.status !== 200 || typeof token !== 'string') {
      throw new ApiError('POST', 'token/user', reply.status, reply.body)
    }
    return new UserApi(endpoint, token)
  }

  async request<T>(method: HttpMethod, path: string, body?: unknown, query?: Query): Promise<T> {
    const reply = await sendJson(method, apiUrl(this.endpoint, path, query), {
      token: this.token,
      body,
      connectionRetryMs: 1_000,
      signal: AbortSignal.timeout(60_000),
    })
    if (reply.status > 210) throw new ApiError(method, path, reply.status, reply.body)
    return reply.body as T
  }

  /** The organization of the logged-in user. */
  async ownOrganizationId(): Promise<number> {
    const userId = decodeClaims(this.token).sub
    const user = await this.request<{ organization: { id: number } }>('GET', `user/${userId}`)
    return user.organization.id
  }

  /** Every item of a list, in pages of 500. */
  list<T>(path: string, query: Query = {}): Promise<T[]> {
    return collectPages((page) =>
      this.request<Page<T>>('GET', path, undefined, { per_page: 500, ...query, page }),
    )
  }
}
