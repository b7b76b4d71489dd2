import { io, type Socket } from 'socket.io-client'
import type { NodeTimings } from './timings.ts'

export type Transport = 'polling' | 'websocket'

export interface SocketSettings {
  /** Host root of the Socket.IO server, e.g. `http://127.0.0.1:7601` (not under the API path). */
  url: string
  path: string
  /** Default: long-polling first, then the upgrade to WebSocket, as the Python node does. */
  transports?: Transport[]
  timings: NodeTimings
}

/**
 * Opens a node's socket on namespace `/tasks` with the token in the handshake's
 * `Authorization` header. Reconnects reuse that header, as the Python client reuses the one
 * it captured at connect; a fresh token needs a fresh socket.
 */
export function openNodeSocket(settings: SocketSettings, token: string): Socket {
  return io(`${settings.url.replace(/\/+$/, '')}/tasks`, {
    path: settings.path,
    // Each node needs its own connection; without this, sockets to one URL share one manager.
    forceNew: true,
    transports: settings.transports ?? ['polling', 'websocket'],
    extraHeaders: { Authorization: `Bearer ${token}` },
    // Keeps the ingress' affinity cookie across long-polling requests and the upgrade.
    withCredentials: true,
    reconnection: true,
    reconnectionDelay: settings.timings.reconnectDelayMs,
    reconnectionDelayMax: settings.timings.reconnectDelayMaxMs,
    randomizationFactor: 0.5,
  })
}
