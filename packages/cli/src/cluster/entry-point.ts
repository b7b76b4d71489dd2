import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from '@fedhub/shared/logging'
import { resolveService, routesOf, type ServiceName } from '@fedhub/shared/routes'
import { createProxyServer } from 'http-proxy-3'
import { affinityCookie, chooseGateway } from './affinity.ts'
import type { ReplicaEndpoint, ReplicaStates } from './replica-state.ts'
import type { RoundRobin } from './round-robin.ts'

/** Response header naming the replica that answered; added here, never by the services. */
export const REPLICA_HEADER = 'x-fedhub-replica'

/**
 * Errors after which a request without a body may go to another replica: nothing listened, or
 * the connection broke before any answer came (a replica dying, or a pooled keep-alive socket
 * the replica had just closed). Only a refusal proves the replica is gone.
 */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'EPIPE'])
const REFUSED = 'ECONNREFUSED'

export interface EntryPointSettings {
  apiPath: string
  pools: Record<ServiceName, RoundRobin>
  states: ReplicaStates
  logger: Logger
}

/** What one proxied request has tried so far. */
interface Attempt {
  service: ServiceName
  replica: ReplicaEndpoint
  pin: boolean
  tried: Set<string>
}

function answer(res: ServerResponse, status: number, msg: string): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ msg }))
}

/** A request whose body is empty can be sent to another replica after a refused connection. */
function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')
}

/**
 * The cluster's single local entry point. The route table decides the service; HTTP requests go
 * round robin over its live replicas, and Socket.IO traffic (long-polling and WebSocket
 * upgrades) goes to the gateway replica the affinity cookie names, moving the cookie when that
 * replica is down. Paths no service owns answer 404.
 */
export function createEntryPoint(settings: EntryPointSettings): Server {
  const { apiPath, pools, states, logger } = settings
  const isUp = (replica: ReplicaEndpoint) => states.isUp(replica)
  const cookiePath = routesOf('socket-gateway', apiPath)[0]?.absolutePath ?? '/socket.io'
  const attempts = new WeakMap<IncomingMessage, Attempt>()
  // Keep-alive to the replicas; a dead replica's pooled sockets fail and count as unreachable.
  const agent = new Agent({ keepAlive: true })
  const proxy = createProxyServer({ xfwd: true, agent })
  // Errors on a client's side of a proxied websocket (a node killed mid-frame resets its
  // connection) arrive here; without a listener the proxy rethrows them and the process dies.
  proxy.on('error', (error) => {
    logger.debug({ code: (error as NodeJS.ErrnoException).code }, 'client connection failed')
  })

  function choose(service: ServiceName, req: IncomingMessage, tried: Set<string>) {
    if (service === 'socket-gateway') {
      return chooseGateway(pools[service], isUp, req.headers.cookie, tried)
    }
    const replica = pools[service].next(tried)
    return replica === undefined ? undefined : { replica, pin: false }
  }

  proxy.on('proxyRes', (proxyRes, req) => {
    const attempt = attempts.get(req)
    if (attempt === undefined) return
    proxyRes.headers[REPLICA_HEADER] = attempt.replica.name
    // Hop-by-hop: the replica's idle timeout (fastify: 72 s) is not this server's (5 s). Passed
    // on, it lets clients reuse a connection the entry point already closed: ECONNRESET.
    proxyRes.headers['keep-alive'] = `timeout=${Math.floor(server.keepAliveTimeout / 1000)}`
    if (attempt.pin) {
      const existing = proxyRes.headers['set-cookie'] ?? []
      proxyRes.headers['set-cookie'] = [...existing, affinityCookie(attempt.replica, cookiePath)]
    }
  })

  function forward(req: IncomingMessage, res: ServerResponse, attempt: Attempt): void {
    attempts.set(req, attempt)
    proxy.web(req, res, { target: attempt.replica.url }, (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (code === REFUSED) states.refused(attempt.replica)
      logger.warn(
        { replica: attempt.replica.name, code, path: req.url?.split('?')[0] },
        'replica did not answer',
      )
      attempt.tried.add(attempt.replica.name)
      const retry =
        UNREACHABLE.has(code) && hasNoBody(req) && !res.headersSent
          ? choose(attempt.service, req, attempt.tried)
          : undefined
      if (retry !== undefined) {
        forward(req, res, { ...attempt, ...retry, pin: attempt.pin || retry.pin })
        return
      }
      answer(res, 502, `the ${attempt.service} service did not answer; try again`)
    })
  }

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/'
    const service = resolveService(pathname, apiPath)
    if (service === undefined) {
      answer(res, 404, `no service serves ${pathname} on this entry point`)
      return
    }
    const tried = new Set<string>()
    const choice = choose(service, req, tried)
    if (choice === undefined) {
      answer(res, 503, `no replica of ${service} is available; try again shortly`)
      return
    }
    forward(req, res, { service, ...choice, tried })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/'
    const choice =
      resolveService(pathname, apiPath) === 'socket-gateway'
        ? choose('socket-gateway', req, new Set())
        : undefined
    if (choice === undefined) {
      socket.destroy()
      return
    }
    proxy.ws(req, socket, head, { target: choice.replica.url }, (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (code === REFUSED) states.refused(choice.replica)
      logger.warn({ replica: choice.replica.name, code }, 'websocket to replica failed')
      socket.destroy()
    })
  })

  server.on('close', () => {
    proxy.close()
    agent.destroy()
  })
  return server
}
