import { ROOMS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import type { TokenVerifier } from '@fedhub/shared/tokens'
import type { EventBus } from '@fedhub/shared/transports'
import type { Namespace, Socket } from 'socket.io'
import { listenToClientEvents } from './client-events.ts'
import type { PresenceTracker } from './presence/presence-tracker.ts'
import { type SocketSession, sessionOf, setSession, titleOf } from './session.ts'
import type { GatewaySettings } from './settings.ts'
import { authenticateSocket } from './socket-auth.ts'

/** Namespace the vantage6 node and UI connect to; the only one with handlers. */
export const TASKS_NAMESPACE = '/tasks'

export interface TasksNamespaceDeps {
  verifier: () => TokenVerifier
  bus: EventBus
  presence: PresenceTracker
  settings: GatewaySettings
  log: Logger
  /** True while the replica shuts down: its sockets move elsewhere, they have not gone away. */
  draining: () => boolean
}

/**
 * Wires `/tasks` as upstream behaves: every connection is accepted, then the token decides.
 * An expired or refused token is answered with `expired_token` or `invalid_token` (a refused
 * connection would leave a Python node idle for good) and the socket is closed after a grace
 * period; an identified socket joins its rooms and, for a node, gets `sync`.
 */
export function attachTasksNamespace(
  namespace: Namespace,
  deps: TasksNamespaceDeps,
): { settled(timeoutMs: number): Promise<void> } {
  const { log } = deps
  // Connect and disconnect handlers still writing presence or emitting to rooms. Shutdown waits
  // for them: an emit after the adapter's Redis connection closed would reject unhandled.
  const inFlight = new Set<Promise<unknown>>()
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work)).catch(() => {})
    return work
  }
  namespace.on('connection', (socket) => {
    listenToClientEvents(socket, deps)
    socket.conn.on('packet', (packet: { type: string }) => {
      const session = sessionOf(socket)
      if (packet.type === 'pong' && session !== undefined) deps.presence.heartbeat(session)
    })
    let graceTimer: NodeJS.Timeout | undefined
    socket.on('disconnect', (reason) => {
      clearTimeout(graceTimer)
      const session = sessionOf(socket)
      if (session !== undefined) void track(leave(namespace, socket, session, deps, reason))
    })
    track(identify(namespace, socket, deps)).then(
      (outcome) => {
        if (outcome === 'told') {
          graceTimer = setTimeout(() => socket.disconnect(true), deps.settings.unidentifiedGraceMs)
        }
      },
      (err: unknown) => {
        // core-api could not answer: closing the transport makes the client try again later.
        log.warn({ err, socket: socket.id }, 'socket identity lookup failed; connection closed')
        socket.conn.close()
      },
    )
  })
  return {
    async settled(timeoutMs) {
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<true>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs)
      })
      try {
        // Work that the finished work started (a disconnect during a connect) is waited for too.
        while (inFlight.size > 0) {
          const allDone = Promise.allSettled([...inFlight]).then(() => false as const)
          if (await Promise.race([allDone, timedOut])) return
        }
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

async function identify(
  namespace: Namespace,
  socket: Socket,
  deps: TasksNamespaceDeps,
): Promise<'identified' | 'told' | 'dropped'> {
  const outcome = await authenticateSocket(socket.handshake, deps.verifier(), deps.bus)
  if (outcome.kind === 'expired' || outcome.kind === 'invalid') {
    deps.log.info({ socket: socket.id, outcome: outcome.kind }, 'socket token refused')
    socket.emit(outcome.kind === 'expired' ? 'expired_token' : 'invalid_token')
    return 'told'
  }
  if (outcome.kind === 'unidentified') {
    deps.log.info({ socket: socket.id, reason: outcome.reason }, 'unidentified socket closed')
    socket.disconnect(true)
    return 'dropped'
  }
  if (!socket.connected) return 'dropped'
  const session: SocketSession = {
    identity: outcome.identity,
    tokenVersion: outcome.tokenVersion,
    connectionId: socket.id,
  }
  const { identity } = session
  await deps.presence.connected(session)
  if (!socket.connected) {
    // Gone while we looked it up: its disconnect handler saw no session, so clean up here.
    await deps.presence.disconnected(session)
    return 'dropped'
  }
  setSession(socket, session)
  if (identity.type === 'node') {
    socket.emit('sync')
    const online = { id: identity.id, name: identity.name, org_id: identity.organization_id }
    // Sent before joining, so the node does not hear about itself; all_nodes is skipped (no
    // node listens, and it would tell every collaboration about this node).
    for (const room of identity.rooms) {
      if (room !== ROOMS.allNodes) namespace.to(room).emit('node-online', online)
    }
  }
  for (const room of identity.rooms) {
    await socket.join(room)
    if (room !== ROOMS.allNodes) {
      namespace
        .to(room)
        .emit('message', `${titleOf(session)} <${identity.name}> joined room <${room}>`)
    }
  }
  deps.log.info(
    { socket: socket.id, type: identity.type, id: identity.id, rooms: identity.rooms.length },
    'socket identified',
  )
  return 'identified'
}

async function leave(
  namespace: Namespace,
  socket: Socket,
  session: SocketSession,
  deps: TasksNamespaceDeps,
  reason: string,
): Promise<void> {
  const { identity } = session
  deps.log.info({ socket: socket.id, type: identity.type, id: identity.id, reason }, 'socket left')
  // A replica shutting down is not the identity leaving: it joins again on another replica.
  if (deps.draining()) return
  for (const room of identity.rooms) {
    if (room !== ROOMS.allNodes) {
      namespace.to(room).emit('message', `${titleOf(session)} ${identity.name} left room ${room}`)
    }
  }
  try {
    await deps.presence.disconnected(session)
  } catch (err) {
    deps.log.warn({ err, id: identity.id }, 'presence removal failed; the sweeper will catch it')
  }
}
