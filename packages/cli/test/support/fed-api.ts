import { loadSigningKeys } from '@fedhub/auth'
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose'
import { io, type Socket } from 'socket.io-client'

/** A few REST calls a test makes to set up a network, as the Python client would. */
export class FedApi {
  constructor(
    readonly url: string,
    private token = '',
  ) {}

  static async login(url: string, username: string, password: string): Promise<FedApi> {
    const api = new FedApi(url)
    const body = await api.call<{ access_token: string }>('POST', '/token/user', {
      username,
      password,
    })
    api.token = body.access_token
    return api
  }

  static async nodeLogin(url: string, apiKey: string): Promise<{ api: FedApi; token: string }> {
    const api = new FedApi(url)
    const body = await api.call<{ access_token: string }>('POST', '/token/node', {
      api_key: apiKey,
    })
    api.token = body.access_token
    return { api, token: body.access_token }
  }

  get accessToken(): string {
    return this.token
  }

  async raw(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}/api${path}`, {
      method,
      headers: {
        ...(this.token === '' ? {} : { authorization: `Bearer ${this.token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.raw(method, path, body)
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return JSON.parse(text) as T
  }
}

export interface SmallNetwork {
  organizations: number[]
  collaborationId: number
  otherCollaborationId: number
  /** API keys of the nodes in the collaboration, one per organization; then the other's node. */
  nodeKeys: string[]
  otherNodeKey: string
}

/**
 * Two organizations in one collaboration with a node each, and a third organization alone in a
 * second collaboration with its own node, named after `tag` so reruns do not clash.
 */
export async function createSmallNetwork(root: FedApi, tag: string): Promise<SmallNetwork> {
  const organizations: number[] = []
  for (const name of ['a', 'b', 'c']) {
    const org = await root.call<{ id: number }>('POST', '/organization', {
      name: `${tag}-org-${name}`,
    })
    organizations.push(org.id)
  }
  const [a, b, c] = organizations as [number, number, number]
  const collab = await root.call<{ id: number }>('POST', '/collaboration', {
    name: `${tag}-collab`,
    organization_ids: [a, b],
    encrypted: false,
  })
  const other = await root.call<{ id: number }>('POST', '/collaboration', {
    name: `${tag}-other`,
    organization_ids: [c],
    encrypted: false,
  })
  const nodeKeys: string[] = []
  for (const org of [a, b]) {
    const node = await root.call<{ api_key: string }>('POST', '/node', {
      collaboration_id: collab.id,
      organization_id: org,
    })
    nodeKeys.push(node.api_key)
  }
  const otherNode = await root.call<{ api_key: string }>('POST', '/node', {
    collaboration_id: other.id,
    organization_id: c,
  })
  return {
    organizations,
    collaborationId: collab.id,
    otherCollaborationId: other.id,
    nodeKeys,
    otherNodeKey: otherNode.api_key,
  }
}

/** A user of `organizationId` with the built-in Researcher role, logged in. */
export async function createResearcher(
  root: FedApi,
  url: string,
  organizationId: number,
  username: string,
): Promise<FedApi> {
  const roles = await root.call<{ data: Array<{ id: number }> }>('GET', '/role?name=Researcher')
  const password = 'Research3r!-password'
  await root.call('POST', '/user', {
    username,
    email: `${username}@example.org`,
    password,
    organization_id: organizationId,
    roles: roles.data.map((role) => role.id),
  })
  return FedApi.login(url, username, password)
}

/** A socket on `/tasks` as the vantage6 node and UI open it: the token in the header. */
export function tasksSocket(
  url: string,
  token: string | undefined,
  options: {
    transports?: Array<'polling' | 'websocket'>
    reconnection?: boolean
    withCredentials?: boolean
  } = {},
): Socket {
  return io(`${url}/tasks`, {
    path: '/socket.io',
    withCredentials: options.withCredentials ?? false,
    ...(token === undefined ? {} : { extraHeaders: { Authorization: `Bearer ${token}` } }),
    transports: options.transports ?? ['polling', 'websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelayMax: 1_000,
    forceNew: true,
  })
}

const DEADLINE_MS = Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 30_000)

/** Resolves with the arguments of the next `event` on the socket that passes `accept`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  accept: (payload: T) => boolean = () => true,
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler)
      reject(new Error(`no '${event}' within ${timeoutMs} ms`))
    }, timeoutMs)
    const handler = (payload: T) => {
      if (!accept(payload)) return
      clearTimeout(timer)
      socket.off(event, handler)
      resolve(payload)
    }
    socket.on(event, handler)
  })
}

/** Polls `probe` until it answers true, over a generous deadline. */
export async function eventually(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = DEADLINE_MS,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await probe()) return
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  throw new Error(`not within ${timeoutMs} ms: ${what}`)
}

/** Collects every `event` a socket receives, for asserting what did not arrive. */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = []
  socket.on(event, (payload: T) => seen.push(payload))
  return seen
}

export const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64')

/**
 * A node access token signed with the server's own key (from its data folder) that expired an
 * hour ago: only `exp` is wrong, so the server must answer `expired_token`.
 */
export async function expiredNodeToken(dataDir: string, nodeId: number): Promise<string> {
  const [signing] = (await loadSigningKeys(dataDir, { generate: false })).keys
  if (signing === undefined) throw new Error('no signing key in the data folder')
  const key = await importJWK(signing as JWK, signing.alg)
  const nowS = Math.floor(Date.now() / 1000)
  // `sub` stays a number, as vantage6 clients read it; jose's setSubject would make a string.
  const claims = { client_type: 'node', type: 'access', roles: [], sub: nodeId }
  return new SignJWT(claims as unknown as JWTPayload)
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid })
    .setIssuedAt(nowS - 7200)
    .setNotBefore(nowS - 7200)
    .setExpirationTime(nowS - 3600)
    .sign(key)
}
