import { EVENTS, ROOMS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import type { EventBus, KeyValueStore } from '@fedhub/shared/transports'
import type { Namespace } from 'socket.io'
import type { SocketSession } from '../session.ts'
import { identityKey, type PresenceInfo, type PresenceStore } from './presence-store.ts'

export interface PresenceTracker {
  /** A socket was identified: its entry is added; the first one reports the identity online. */
  connected(session: SocketSession): Promise<void>
  /** An Engine.IO pong or a `ping`: the socket's entry lives on. */
  heartbeat(session: SocketSession): void
  /** A node's `ping`: core-api writes `last_seen`, as upstream does on this event. */
  pinged(session: SocketSession): void
  /** A socket went away: the last one of an identity reports it offline and tells its rooms. */
  disconnected(session: SocketSession): Promise<void>
  /** Runs the sweep on whichever replica wins each round; answers a function that stops it. */
  startSweeper(): () => void
}

const infoOf = (session: SocketSession): PresenceInfo => ({
  type: session.identity.type,
  id: session.identity.id,
  name: session.identity.name,
  organizationId: session.identity.organization_id,
  rooms: session.identity.rooms,
})

/**
 * Presence that never lies: online at the first socket, offline when the last socket goes, and
 * a node that reconnected to another replica before its old socket died stays online. Entries
 * of a replica that died expire, and the sweeper reports their identities offline.
 */
export function createPresenceTracker(deps: {
  store: PresenceStore
  bus: EventBus
  kv: KeyValueStore
  namespace: () => Namespace | undefined
  ttlMs: number
  sweepIntervalMs: number
  replicaId: string
  log: Logger
}): PresenceTracker {
  const { store, bus, log } = deps
  const report = (info: PresenceInfo, change: 'online' | 'offline' | 'ping') =>
    bus
      .publish(EVENTS.presenceReport.subject, {
        identity: { type: info.type, id: info.id },
        change,
        at: new Date().toISOString(),
      })
      .catch((err: unknown) => log.error({ err, id: info.id, change }, 'presence report lost'))

  const announceOffline = (info: PresenceInfo) => {
    const nsp = deps.namespace()
    if (info.type !== 'node' || nsp === undefined || info.organizationId === null) return
    const payload = { id: info.id, name: info.name, org_id: info.organizationId }
    // all_nodes is skipped: no node listens, and it would tell every collaboration about this one.
    for (const room of info.rooms)
      if (room !== ROOMS.allNodes) nsp.to(room).emit('node-offline', payload)
  }

  return {
    async connected(session) {
      const first = await store.add(infoOf(session), session.connectionId, Date.now(), deps.ttlMs)
      if (first) await report(infoOf(session), 'online')
    },
    heartbeat(session) {
      const key = identityKey(session.identity.type, session.identity.id)
      store
        .refresh(key, session.connectionId, Date.now(), deps.ttlMs)
        .catch((err: unknown) => log.warn({ err }, 'presence heartbeat failed'))
    },
    pinged(session) {
      void report(infoOf(session), 'ping')
    },
    async disconnected(session) {
      const key = identityKey(session.identity.type, session.identity.id)
      const last = await store.remove(key, session.connectionId, Date.now())
      if (!last) return
      announceOffline(infoOf(session))
      await report(infoOf(session), 'offline')
    },
    startSweeper() {
      const sweep = async () => {
        // Each round goes to the replica that takes the key first; the key outlives the round.
        const won = await deps.kv.set('presence:sweeper', deps.replicaId, {
          ttlMs: Math.max(1, Math.floor(deps.sweepIntervalMs * 0.9)),
          onlyIfAbsent: true,
        })
        if (!won) return
        for (const info of await store.sweep(Date.now())) {
          log.info({ type: info.type, id: info.id }, 'presence expired; reported offline')
          announceOffline(info)
          await report(info, 'offline')
        }
      }
      const timer = setInterval(() => {
        sweep().catch((err: unknown) => log.warn({ err }, 'presence sweep failed'))
      }, deps.sweepIntervalMs)
      timer.unref()
      return () => clearInterval(timer)
    },
  }
}
