import type { SocketIdentity } from '@fedhub/shared/events'
import type { Socket } from 'socket.io'

/** What a gateway keeps of an identified socket, in `socket.data`. */
export interface SocketSession {
  identity: SocketIdentity
  tokenVersion: number
  connectionId: string
}

export function sessionOf(socket: Socket): SocketSession | undefined {
  return (socket.data as { session?: SocketSession }).session
}

export function setSession(socket: Socket, session: SocketSession): void {
  ;(socket.data as { session?: SocketSession }).session = session
}

/** `Node` or `User`, as upstream's join and leave messages name the type. */
export const titleOf = (session: SocketSession) =>
  session.identity.type === 'node' ? 'Node' : 'User'
