/** The deployable services that answer HTTP or Socket.IO traffic from outside. */
export type ServiceName = 'auth' | 'core-api' | 'socket-gateway'

/**
 * One entry of the route table. `base: 'api'` paths sit under the configurable API path
 * (`/api` by default); `base: 'root'` paths sit on the host root whatever the API path is.
 * `match: 'prefix'` covers everything below the path; `'exact'` only the path itself.
 */
export interface RouteEntry {
  service: ServiceName
  base: 'api' | 'root'
  path: string
  match: 'exact' | 'prefix'
}

/**
 * Which service answers which path. The standalone composition, `fedhub cluster` and the Helm
 * ingress are all built from this list, so they cannot disagree. Longest match wins; anything
 * under the API path that no entry names belongs to core-api.
 */
export const ROUTE_TABLE: readonly RouteEntry[] = Object.freeze([
  { service: 'auth', base: 'api', path: '/token', match: 'prefix' },
  { service: 'auth', base: 'api', path: '/recover/lost', match: 'exact' },
  { service: 'auth', base: 'api', path: '/recover/reset', match: 'exact' },
  { service: 'auth', base: 'api', path: '/recover/2fa', match: 'prefix' },
  { service: 'auth', base: 'api', path: '/password/change', match: 'exact' },
  { service: 'auth', base: 'root', path: '/.well-known/jwks.json', match: 'exact' },
  { service: 'socket-gateway', base: 'root', path: '/socket.io', match: 'prefix' },
  { service: 'core-api', base: 'root', path: '/apidocs', match: 'prefix' },
  { service: 'core-api', base: 'api', path: '', match: 'prefix' },
])

/** Joins the API path and a route path without doubling or dropping slashes. */
export function joinApiPath(apiPath: string, path: string): string {
  const base = apiPath.replace(/\/+$/, '')
  if (path === '') return base === '' ? '/' : base
  return `${base}${path.startsWith('/') ? path : `/${path}`}`
}

/** The absolute path of an entry for a given API path. */
export function entryPath(entry: RouteEntry, apiPath: string): string {
  return entry.base === 'api' ? joinApiPath(apiPath, entry.path) : entry.path
}

function matches(entry: RouteEntry, apiPath: string, pathname: string): boolean {
  const path = entryPath(entry, apiPath)
  if (entry.match === 'exact') return pathname === path || pathname === `${path}/`
  if (path === '/' || path === '') return true
  return pathname === path || pathname.startsWith(`${path}/`)
}

/**
 * The service that owns a request path, or `undefined` when no service does (for example
 * `/healthz`, which every process answers for itself).
 *
 * @example
 * resolveService('/api/token/user', '/api') // 'auth'
 * resolveService('/api/task', '/api')       // 'core-api'
 */
export function resolveService(pathname: string, apiPath: string): ServiceName | undefined {
  let best: { entry: RouteEntry; length: number } | undefined
  for (const entry of ROUTE_TABLE) {
    if (!matches(entry, apiPath, pathname)) continue
    const length = entryPath(entry, apiPath).length
    if (best === undefined || length > best.length) best = { entry, length }
  }
  return best?.entry.service
}

/** Every route entry of one service, with its absolute path for the given API path. */
export function routesOf(
  service: ServiceName,
  apiPath: string,
): Array<RouteEntry & { absolutePath: string }> {
  return ROUTE_TABLE.filter((entry) => entry.service === service).map((entry) => ({
    ...entry,
    absolutePath: entryPath(entry, apiPath),
  }))
}
