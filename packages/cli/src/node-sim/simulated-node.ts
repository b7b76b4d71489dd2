import { EventEmitter } from 'node:events'
import type { Logger } from '@fedhub/shared/logging'
import type { Socket } from 'socket.io-client'
import type { CsvDatabase } from './csv-database.ts'
import { databaseDetails } from './csv-database.ts'
import type { ApiEndpoint } from './http.ts'
import { readNodeIdentity } from './node-identity.ts'
import { NodeSession } from './node-session.ts'
import { openNodeSocket, type Transport } from './node-socket.ts'
import { type NewTaskArrival, type NodeStats, nodeStatsOf } from './node-stats.ts'
import type { RunOutcome } from './run-executor.ts'
import { type KillInfo, RunQueue, runsToKill } from './run-queue.ts'
import type { NodeIdentity, OpenRun } from './run-types.ts'
import { SocketPinger } from './socket-pinger.ts'
import type { NodeTimings } from './timings.ts'
import { TokenRefresher } from './token-refresher.ts'

export interface SimulatedNodeOptions {
  endpoint: ApiEndpoint
  apiKey: string
  /** Host root of the Socket.IO server; default: the server URL. */
  socketUrl?: string
  socketPath?: string
  transports?: Transport[]
  databases: CsvDatabase[]
  timings: NodeTimings
  logger: Logger
  /**
   * `execute` (default) runs every task it hears of; `listen` only records `new_task` arrivals
   * and fetches nothing, for delivery benchmarks.
   */
  mode?: 'execute' | 'listen'
  /** See `NodeSessionOptions.refreshOnError`. */
  refreshOnError?: boolean
}

export interface SimulatedNodeEvents {
  /** The first `sync` was handled: the node is ready for work. */
  online: [identity: NodeIdentity]
  synced: [openRuns: number]
  new_task: [arrival: NewTaskArrival]
  run_started: [run: { runId: number; taskId: number }]
  run_finished: [outcome: RunOutcome]
  run_killed: [run: { runId: number; taskId: number }]
  token_refreshed: []
  /** The socket was replaced after the server refused its token. */
  socket_replaced: [reason: 'expired_token' | 'invalid_token']
  connection: [state: 'connected' | 'disconnected']
  failure: [error: Error]
}

/**
 * One simulated vantage6 4.x node: it logs in with its API key, keeps a Socket.IO connection
 * on `/tasks`, and executes its runs with built-in algorithms instead of containers.
 */
export class SimulatedNode extends EventEmitter<SimulatedNodeEvents> {
  readonly session: NodeSession
  private readonly lifetime = new AbortController()
  private readonly stats: NodeStats = nodeStatsOf()
  private identityValue: NodeIdentity | undefined
  private socket: Socket | undefined
  private queue: RunQueue | undefined
  private readonly refresher: TokenRefresher
  private readonly pinger: SocketPinger
  private replacing = false
  private everSynced = false
  private markOnline: () => void = () => {}
  private readonly online = new Promise<void>((resolve) => {
    this.markOnline = resolve
  })
  private logger: Logger

  constructor(private readonly options: SimulatedNodeOptions) {
    super()
    this.logger = options.logger
    this.session = new NodeSession({
      endpoint: options.endpoint,
      apiKey: options.apiKey,
      timings: options.timings,
      logger: options.logger,
      signal: this.lifetime.signal,
      refreshOnError: options.refreshOnError,
    })
    this.refresher = new TokenRefresher(this.session, options.timings, options.logger, () => {
      this.stats.refreshes += 1
      this.emit('token_refreshed')
    })
    this.pinger = new SocketPinger(options.timings)
  }

  get identity(): NodeIdentity {
    if (this.identityValue === undefined) throw new Error('the node has not started')
    return this.identityValue
  }

  get connected(): boolean {
    return this.socket?.connected === true
  }

  /** Resolves once the first `sync` was handled, at once if it already was. */
  whenOnline(): Promise<void> {
    return this.online
  }

  /** Counters and `new_task` arrival times, for tests and benchmarks. */
  get metrics(): Readonly<NodeStats> {
    return this.stats
  }

  /**
   * Logs in, reads its node, organization and collaboration as the official node does, and
   * connects its socket; resolves once the namespace is connected.
   */
  async start(): Promise<void> {
    await this.session.login()
    this.identityValue = await readNodeIdentity(this.session)
    this.logger = this.options.logger.child({
      nodeId: this.identityValue.id,
      node: this.identityValue.name,
    })
    this.queue = new RunQueue({
      session: this.session,
      identity: this.identityValue,
      databases: new Map(this.options.databases.map((db) => [db.label, db])),
      timings: this.options.timings,
      logger: this.logger,
      emit: (event, payload) => this.socket?.emit(event, payload),
      onActive: (run) => this.emit('run_started', { runId: run.id, taskId: run.task.id }),
      onFinished: (outcome) => this.finished(outcome),
    })
    this.refresher.schedule()
    await this.connect()
  }

  /** Closes the socket, aborts running work and stops every timer. */
  async stop(): Promise<void> {
    this.lifetime.abort()
    this.refresher.stop()
    this.closeSocket()
    await this.queue?.abortAll()
  }

  /**
   * Reconnects the socket with the current access token, as after a network blip.
   * @deprecated test hook: with `session.useAccessTokenForTest` it replays a stale token.
   */
  async reconnectForTest(): Promise<void> {
    this.closeSocket()
    await this.connect()
  }

  private connect(): Promise<void> {
    const socket = openNodeSocket(
      {
        url: this.options.socketUrl ?? this.options.endpoint.serverUrl,
        path: this.options.socketPath ?? '/socket.io',
        transports: this.options.transports,
        timings: this.options.timings,
      },
      this.session.token,
    )
    this.socket = socket
    this.listen(socket)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('connect', connected)
        reject(new Error('the socket did not connect in time'))
      }, this.options.timings.initialConnectTimeoutMs)
      const connected = () => {
        clearTimeout(timer)
        resolve()
      }
      socket.once('connect', connected)
    })
  }

  private listen(socket: Socket): void {
    socket.on('connect', () => {
      this.logger.debug('socket connected')
      this.pinger.start(socket)
      this.emit('connection', 'connected')
    })
    socket.on('disconnect', (reason) => {
      this.logger.debug({ reason }, 'socket disconnected')
      this.pinger.stop()
      this.emit('connection', 'disconnected')
    })
    socket.on('connect_error', (error) =>
      this.logger.debug({ err: error }, 'socket connect failed'),
    )
    socket.on('sync', () => this.guard(this.onSync()))
    socket.on('new_task', (payload: { id?: number; parent_id?: number | null }) =>
      this.onNewTask(payload),
    )
    socket.on('kill_containers', (payload: KillInfo) => this.guard(this.onKill(payload)))
    socket.on('expired_token', () => this.guard(this.replaceSocket('expired_token')))
    socket.on('invalid_token', () => this.guard(this.replaceSocket('invalid_token')))
    socket.on('message', (message: unknown) => this.logger.debug({ message }, 'server message'))
    socket.on('algorithm_status_change', (payload: { status?: string; job_id?: number }) =>
      this.logger.debug(payload, 'status change in the collaboration'),
    )
  }

  private async onSync(): Promise<void> {
    const open = this.options.mode === 'listen' ? 0 : await this.fetchOpenRuns()
    this.socket?.emit('node_info_update', {
      allowed_algorithms: 'all',
      ...databaseDetails(this.options.databases),
    })
    this.stats.syncs += 1
    this.emit('synced', open)
    if (!this.everSynced) {
      this.everSynced = true
      this.logger.info('node online')
      this.markOnline()
      this.emit('online', this.identity)
    }
  }

  private onNewTask(payload: { id?: number; parent_id?: number | null }): void {
    if (typeof payload?.id !== 'number') return
    const arrival: NewTaskArrival = {
      nodeId: this.identity.id,
      taskId: payload.id,
      parentId: payload.parent_id ?? null,
      // Sub-millisecond wall clock, so deliveries to many nodes can be told apart.
      at: performance.timeOrigin + performance.now(),
    }
    if (!this.stats.newTasks.has(arrival.taskId)) this.stats.newTasks.set(arrival.taskId, arrival)
    this.emit('new_task', arrival)
    if (this.options.mode !== 'listen') this.guard(this.fetchOpenRuns(payload.id))
  }

  /** Lists its open runs (of one task, or all) and queues those not yet seen. */
  private async fetchOpenRuns(taskId?: number): Promise<number> {
    const runs = await this.session.list<OpenRun>('run', {
      state: 'open',
      node_id: this.identity.id,
      include: 'task',
      task_id: taskId,
    })
    for (const run of runs) this.queue?.submit(run)
    return runs.length
  }

  private async onKill(info: KillInfo): Promise<void> {
    const runIds = runsToKill(info, this.identity)
    if (runIds === 'none') return
    for (const run of (await this.queue?.kill(runIds)) ?? []) {
      this.stats.runsKilled += 1
      this.emit('run_killed', { runId: run.id, taskId: run.task.id })
    }
  }

  /**
   * After `expired_token`: refresh, open a new socket and fetch open runs. After
   * `invalid_token`: log in again with the API key and open a new socket (its `sync` follows).
   */
  private async replaceSocket(reason: 'expired_token' | 'invalid_token'): Promise<void> {
    if (this.replacing) return
    this.replacing = true
    this.logger.warn({ reason }, 'server refused the socket token, reconnecting')
    try {
      this.closeSocket()
      if (reason === 'expired_token') {
        try {
          await this.session.refresh()
        } catch (error) {
          this.logger.warn({ err: error }, 'refresh failed, logging in again')
          await this.session.login()
        }
      } else {
        await this.session.login()
      }
      this.refresher.schedule()
      await this.connect()
      if (reason === 'expired_token' && this.options.mode !== 'listen') await this.fetchOpenRuns()
      this.stats.socketReplacements += 1
      this.emit('socket_replaced', reason)
    } finally {
      this.replacing = false
    }
  }

  private closeSocket(): void {
    this.pinger.stop()
    const socket = this.socket
    this.socket = undefined
    socket?.removeAllListeners()
    socket?.disconnect()
  }

  private finished(outcome: RunOutcome): void {
    if (outcome.status === 'completed') this.stats.runsCompleted += 1
    else if (outcome.status !== 'skipped') this.stats.runsFailed += 1
    this.emit('run_finished', outcome)
  }

  /** Runs a handler's promise; a failure is logged and reported, never left unhandled. */
  private guard(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      if (this.lifetime.signal.aborted) return
      const failure = error instanceof Error ? error : new Error(String(error))
      this.logger.error({ err: failure }, 'node handler failed')
      this.emit('failure', failure)
    })
  }
}
