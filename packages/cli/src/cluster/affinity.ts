import type { ReplicaEndpoint } from './replica-state.ts'
import type { RoundRobin } from './round-robin.ts'

/**
 * Cookie that pins a Socket.IO client to one gateway replica. Long-polling spreads one session
 * over many HTTP requests, and only the replica that made the session knows its id.
 */
export const AFFINITY_COOKIE = 'fedhub_gateway'

/** The replica name an incoming `Cookie` header pins, if any. */
export function pinnedReplica(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=')
    if (separator === -1) continue
    if (pair.slice(0, separator).trim() !== AFFINITY_COOKIE) continue
    const value = pair.slice(separator + 1).trim()
    return value === '' ? undefined : value
  }
  return undefined
}

/**
 * The `Set-Cookie` value that pins a client to `replica`. HttpOnly because no script needs it;
 * SameSite=Lax keeps it on requests from a UI served by another port of the same host.
 */
export function affinityCookie(replica: ReplicaEndpoint, path: string): string {
  return `${AFFINITY_COOKIE}=${replica.name}; Path=${path}; HttpOnly; SameSite=Lax`
}

export interface GatewayChoice {
  replica: ReplicaEndpoint
  /** True when the client must be told (again) which replica it is pinned to. */
  pin: boolean
}

/**
 * The gateway replica for a request: the pinned one while it is up, otherwise the next live
 * one, which the client is then pinned to. A client whose gateway died thus lands on a live
 * replica with its next request, gets a new session there, and stays.
 */
export function chooseGateway(
  gateways: RoundRobin,
  isUp: (replica: ReplicaEndpoint) => boolean,
  cookieHeader: string | undefined,
  skip?: ReadonlySet<string>,
): GatewayChoice | undefined {
  const pinnedName = pinnedReplica(cookieHeader)
  const pinned = pinnedName === undefined ? undefined : gateways.byName(pinnedName)
  if (pinned !== undefined && isUp(pinned) && skip?.has(pinned.name) !== true) {
    return { replica: pinned, pin: false }
  }
  const replica = gateways.next(skip)
  return replica === undefined ? undefined : { replica, pin: true }
}
