import { EVENTS, RPC, schemaProblems } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import type { EventBus } from '@fedhub/shared/transports'
import type { Socket } from 'socket.io'
import { Type } from 'typebox'
import type { PresenceTracker } from './presence/presence-tracker.ts'
import { type SocketSession, sessionOf } from './session.ts'

const Id = Type.Integer({ minimum: 1 })
const StatusChange = Type.Object({
  run_id: Id,
  status: Type.String({ minLength: 1 }),
  task_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  parent_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
})
const LogLine = Type.Object({ run_id: Id, log: Type.String() })
const AnyObject = Type.Record(Type.String(), Type.Unknown())

interface StatusChangeValue {
  run_id: number
  status: string
  task_id?: number | null
  parent_id?: number | null
}

/**
 * Events nodes send. Each is checked against the socket's identity (only identified nodes may
 * report, and always as themselves) and put on the bus for core-api, in the order received.
 */
export function listenToClientEvents(
  socket: Socket,
  deps: { bus: EventBus; presence: PresenceTracker; log: Logger },
): void {
  const { bus, presence, log } = deps
  const fromNode = (
    event: string,
    payload: unknown,
    schema: Parameters<typeof schemaProblems>[0],
  ) => {
    const session = sessionOf(socket)
    if (session === undefined || session.identity.type !== 'node') {
      log.warn({ event, socket: socket.id }, 'event from a socket that is not a node ignored')
      return undefined
    }
    const problems = schemaProblems(schema, payload)
    if (problems.length > 0) {
      log.warn({ event, problems, nodeId: session.identity.id }, 'malformed event ignored')
      return undefined
    }
    return session
  }
  const sender = (session: SocketSession) => ({
    node_id: session.identity.id,
    organization_id: session.identity.organization_id as number,
    collaboration_id: session.identity.collaboration_id as number,
  })
  // Published without awaiting anything first, so the bus keeps the order events came in.
  const publish = (subject: string, data: unknown) =>
    bus.publish(subject, data).catch((err: unknown) => log.error({ err, subject }, 'event lost'))

  socket.on('ping', () => {
    const session = sessionOf(socket)
    if (session === undefined) return
    presence.heartbeat(session)
    presence.pinged(session)
  })
  socket.on('algorithm_status_change', (payload: unknown) => {
    const session = fromNode('algorithm_status_change', payload, StatusChange)
    if (session === undefined) return
    const change = payload as StatusChangeValue
    void publish(EVENTS.runStatusReport.subject, {
      sender: sender(session),
      status: change.status,
      run_id: change.run_id,
      ...(typeof change.task_id === 'number' ? { task_id: change.task_id } : {}),
      ...(change.parent_id === undefined ? {} : { parent_id: change.parent_id }),
    })
  })
  socket.on('algorithm_log', (payload: unknown) => {
    const session = fromNode('algorithm_log', payload, LogLine)
    if (session === undefined) return
    const line = payload as { run_id: number; log: string }
    void publish(EVENTS.algorithmLogReport.subject, {
      sender: sender(session),
      run_id: line.run_id,
      log: line.log,
    })
  })
  socket.on('node_info_update', (payload: unknown) => {
    const session = fromNode('node_info_update', payload, AnyObject)
    if (session === undefined) return
    void publish(EVENTS.nodeInfoReport.subject, { sender: sender(session), info: payload })
  })
  socket.on('node_metrics_update', (payload: unknown) => {
    const session = fromNode('node_metrics_update', payload, AnyObject)
    if (session === undefined) return
    bus
      .broadcast(RPC.nodeMetrics, { sender: sender(session), metrics: payload })
      .catch((err: unknown) => log.warn({ err }, 'node metrics lost'))
  })
  for (const event of ['message', 'error'] as const) {
    socket.on(event, (text: unknown) => log.info({ event, socket: socket.id, text }, 'client said'))
  }
}
