import { EventEmitter } from 'node:events'
import type { Logger } from '@fedhub/shared/logging'
import pLimit from 'p-limit'
import { type CsvDatabase, loadCsvDatabase } from './csv-database.ts'
import type { Transport } from './node-socket.ts'
import type { NewTaskArrival } from './node-stats.ts'
import { SimulatedNode, type SimulatedNodeEvents } from './simulated-node.ts'
import { type NodeTimings, timingsWith } from './timings.ts'

/** One node to simulate: its API key and the CSV file behind each database label. */
export interface NodeSpec {
  apiKey: string
  /** Overrides the fleet's server URL for this node. */
  serverUrl?: string
  /** Overrides the fleet's Socket.IO URL(s) for this node. */
  socketUrl?: string
  databases: Array<{ label: string; file: string }>
}

export interface FleetOptions {
  nodes: NodeSpec[]
  /** e.g. `http://127.0.0.1:7601`. */
  serverUrl: string
  apiPath?: string
  /** Socket.IO host roots, handed out round-robin (e.g. two gateway replicas); default: the server URL. */
  socketUrls?: string[]
  socketPath?: string
  transports?: Transport[]
  timings?: Partial<NodeTimings>
  mode?: 'execute' | 'listen'
  refreshOnError?: boolean
  /** Nodes starting at the same time (logins and handshakes); default 16. */
  startConcurrency?: number
  logger: Logger
}

type FleetEvents = {
  [K in keyof SimulatedNodeEvents]: [node: SimulatedNode, ...SimulatedNodeEvents[K]]
}

/** Simulated nodes started together, with their events merged. */
export interface SimulatedFleet {
  nodes: SimulatedNode[]
  /** Every node's events, each with the node first. */
  events: EventEmitter<FleetEvents>
  /** When each node heard of a task, for the nodes that did. */
  arrivals(taskId: number): NewTaskArrival[]
  /** Resolves when every one of `nodes` (default all) heard of the task; rejects after the deadline. */
  waitForNewTask(
    taskId: number,
    timeoutMs: number,
    nodes?: SimulatedNode[],
  ): Promise<NewTaskArrival[]>
  stop(): Promise<void>
}

const FORWARDED: ReadonlyArray<keyof SimulatedNodeEvents> = [
  'online',
  'synced',
  'new_task',
  'run_started',
  'run_finished',
  'run_killed',
  'token_refreshed',
  'socket_replaced',
  'connection',
  'failure',
]

/**
 * Starts simulated nodes in this process and resolves when every one has connected its
 * socket. If one cannot start, those already started are stopped and the error is thrown.
 *
 * @example
 * const fleet = await startSimulatedNodes({ serverUrl, nodes: [{ apiKey, databases: [] }], logger })
 * await fleet.stop()
 */
export async function startSimulatedNodes(options: FleetOptions): Promise<SimulatedFleet> {
  const timings = timingsWith(options.timings)
  const csvCache = new Map<string, Promise<CsvDatabase>>()
  const loadCsv = (label: string, file: string) => {
    const key = `${label}\u0000${file}`
    if (!csvCache.has(key)) csvCache.set(key, loadCsvDatabase(label, file))
    return csvCache.get(key) as Promise<CsvDatabase>
  }
  const events = new EventEmitter<FleetEvents>()
  const socketUrls = options.socketUrls ?? []
  const nodes: SimulatedNode[] = []
  for (const [index, spec] of options.nodes.entries()) {
    const databases = await Promise.all(spec.databases.map((db) => loadCsv(db.label, db.file)))
    const node = new SimulatedNode({
      endpoint: {
        serverUrl: spec.serverUrl ?? options.serverUrl,
        apiPath: options.apiPath ?? '/api',
      },
      apiKey: spec.apiKey,
      socketUrl: spec.socketUrl ?? socketUrls[index % Math.max(socketUrls.length, 1)],
      socketPath: options.socketPath,
      transports: options.transports,
      databases,
      timings,
      logger: options.logger,
      mode: options.mode,
      refreshOnError: options.refreshOnError,
    })
    for (const name of FORWARDED) {
      node.on(name, (...args: unknown[]) =>
        (events.emit as (event: string, ...rest: unknown[]) => boolean)(name, node, ...args),
      )
    }
    nodes.push(node)
  }
  const limit = pLimit(options.startConcurrency ?? 16)
  const started = await Promise.allSettled(nodes.map((node) => limit(() => node.start())))
  const failed = started.find((result) => result.status === 'rejected')
  if (failed !== undefined) {
    await Promise.all(nodes.map((node) => node.stop()))
    throw (failed as PromiseRejectedResult).reason
  }

  const arrivals = (taskId: number) =>
    nodes.flatMap((node) => {
      const arrival = node.metrics.newTasks.get(taskId)
      return arrival === undefined ? [] : [arrival]
    })
  return {
    nodes,
    events,
    arrivals,
    waitForNewTask(taskId, timeoutMs, among = nodes) {
      return new Promise((resolve, reject) => {
        const missing = () => among.filter((node) => !node.metrics.newTasks.has(taskId))
        const check = () => {
          if (missing().length > 0) return
          finish()
          resolve(arrivals(taskId).filter((a) => among.some((n) => n.identity.id === a.nodeId)))
        }
        const timer = setTimeout(() => {
          finish()
          reject(new Error(`${missing().length} nodes did not hear of task ${taskId} in time`))
        }, timeoutMs)
        const finish = () => {
          clearTimeout(timer)
          events.off('new_task', check)
        }
        events.on('new_task', check)
        check()
      })
    },
    stop: async () => {
      await Promise.all(nodes.map((node) => node.stop()))
      events.removeAllListeners()
    },
  }
}
