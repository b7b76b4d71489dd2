import type {
  AlgorithmLogAppendedEvent,
  KillListedEvent,
  NodeKillRequestedEvent,
  RunStatusChangedEvent,
  RunUpdateStartedEvent,
  TaskCreatedEvent,
} from '@fedhub/shared/events'
import { CONSUMERS, EVENTS, type EventContract, eventProblems, ROOMS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import { type EventBus, type Subscription, TerminateMessage } from '@fedhub/shared/transports'
import type { Namespace } from 'socket.io'

interface Delivery {
  room: string
  event: string
  payload: unknown
}

type Route = (data: never) => Delivery

/** Each socket event core-api writes, as the room, event name and payload clients know. */
const ROUTES = new Map<string, { contract: EventContract; route: Route }>([
  [
    EVENTS.taskCreated.subject,
    {
      contract: EVENTS.taskCreated,
      route: (task: TaskCreatedEvent) => ({
        room: ROOMS.collaboration(task.collaboration_id),
        event: 'new_task',
        payload: { id: task.id, parent_id: task.parent_id },
      }),
    },
  ],
  [
    EVENTS.runStatusChanged.subject,
    {
      contract: EVENTS.runStatusChanged,
      route: (change: RunStatusChangedEvent) => ({
        room: ROOMS.collaboration(change.collaboration_id),
        event: 'algorithm_status_change',
        payload: change,
      }),
    },
  ],
  [
    EVENTS.runUpdateStarted.subject,
    {
      contract: EVENTS.runUpdateStarted,
      route: (update: RunUpdateStartedEvent) => ({
        room: ROOMS.collaboration(update.collaboration_id),
        event: 'status_update',
        payload: { run_id: update.run_id },
      }),
    },
  ],
  [
    EVENTS.algorithmLogAppended.subject,
    {
      contract: EVENTS.algorithmLogAppended,
      route: (line: AlgorithmLogAppendedEvent) => ({
        room: ROOMS.collaboration(line.collaboration_id),
        event: 'algorithm_log',
        payload: { run_id: line.run_id, task_id: line.task_id, log: line.log },
      }),
    },
  ],
  [
    EVENTS.killListed.subject,
    {
      contract: EVENTS.killListed,
      route: (kill: KillListedEvent) => ({
        room: ROOMS.collaboration(kill.collaboration_id),
        event: 'kill_containers',
        payload: { kill_list: kill.kill_list, collaboration_id: kill.collaboration_id },
      }),
    },
  ],
  [
    EVENTS.nodeKillRequested.subject,
    {
      contract: EVENTS.nodeKillRequested,
      route: (kill: NodeKillRequestedEvent) => ({
        room: ROOMS.collaboration(kill.collaboration_id),
        event: 'kill_containers',
        payload: { node_id: kill.node_id, collaboration_id: kill.collaboration_id },
      }),
    },
  ],
])

const SOCKET_EVENTS = CONSUMERS.find((consumer) => consumer.durable === 'socket-gateway')

/**
 * Takes socket events from the shared durable consumer (each goes to one replica) and emits them
 * to their room; the adapter carries them to the replicas holding the sockets. A message is
 * acknowledged once emitted; one that does not match its contract is dropped with a warning.
 */
export async function deliverSocketEvents(
  bus: EventBus,
  namespace: Namespace,
  log: Logger,
): Promise<Subscription> {
  if (SOCKET_EVENTS === undefined)
    throw new Error('the socket-gateway consumer is not in CONSUMERS')
  return bus.consume(SOCKET_EVENTS, async (message) => {
    const entry = ROUTES.get(message.subject)
    // Events no client hears (collaboration changes) are taken off the stream quietly.
    if (entry === undefined) return
    const problems = eventProblems(entry.contract, message.data)
    if (problems.length > 0) {
      log.warn({ subject: message.subject, problems }, 'malformed socket event dropped')
      throw new TerminateMessage(problems.join('; '))
    }
    const delivery = entry.route(message.data as never)
    namespace.to(delivery.room).emit(delivery.event, delivery.payload)
    log.debug({ event: delivery.event, room: delivery.room }, 'socket event emitted')
  })
}
