import { executeRun, type RunExecutorDeps, type RunOutcome, statusChange } from './run-executor.ts'
import type { NodeIdentity, OpenRun } from './run-types.ts'

/** The payload of `kill_containers`: a task kill lists runs; a node kill names the node. */
export interface KillInfo {
  collaboration_id?: number
  node_id?: number
  kill_list?: Array<{ task_id: number; run_id: number; organization_id: number }>
}

/**
 * Which of its runs a node stops, as the official node decides: nothing for another
 * collaboration or another node; with a list, the entries of its own organization; else all.
 */
export function runsToKill(info: KillInfo, identity: NodeIdentity): number[] | 'all' | 'none' {
  if (info.collaboration_id !== identity.collaborationId) return 'none'
  if (info.node_id !== undefined && info.node_id !== identity.id) return 'none'
  if (info.kill_list === undefined) return 'all'
  return info.kill_list
    .filter((entry) => entry.organization_id === identity.organizationId)
    .map((entry) => entry.run_id)
}

interface Running {
  run: OpenRun
  controller: AbortController
  done: Promise<void>
}

export interface RunQueueDeps extends RunExecutorDeps {
  onFinished(outcome: RunOutcome): void
}

/**
 * The node's runs in progress. Each run starts at once and in parallel, as containers do (a
 * central method waits on partial runs that may land on the same node). A run is executed at
 * most once per process, however often `sync` and `new_task` list it.
 */
export class RunQueue {
  private readonly running = new Map<number, Running>()
  private readonly seen = new Set<number>()

  constructor(private readonly deps: RunQueueDeps) {}

  submit(run: OpenRun): void {
    if (this.seen.has(run.id)) return
    this.seen.add(run.id)
    const controller = new AbortController()
    const done = executeRun(this.deps, run, controller.signal)
      .then((outcome) => this.deps.onFinished(outcome))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        this.deps.logger.error({ err: error, runId: run.id }, 'run failed inside the node')
      })
      .finally(() => this.running.delete(run.id))
    this.running.set(run.id, { run, controller, done })
  }

  /**
   * Stops the given runs (or all) and reports each as `killed by user`. The server has usually
   * finished them already and refuses the patch; that is expected, as upstream.
   */
  async kill(runIds: number[] | 'all'): Promise<OpenRun[]> {
    const targets = [...this.running.values()].filter(
      (entry) => runIds === 'all' || runIds.includes(entry.run.id),
    )
    for (const { run, controller } of targets) {
      controller.abort()
      this.running.delete(run.id)
      try {
        await this.deps.session.request('PATCH', `run/${run.id}`, { status: 'killed by user' })
      } catch (error) {
        this.deps.logger.debug({ err: error, runId: run.id }, 'killed run not patched')
      }
      this.deps.emit(
        'algorithm_status_change',
        statusChange(this.deps.identity, run, 'killed by user'),
      )
    }
    return targets.map((entry) => entry.run)
  }

  /** Aborts every run, for shutdown; waits until their work has unwound. */
  async abortAll(): Promise<void> {
    const entries = [...this.running.values()]
    for (const entry of entries) entry.controller.abort()
    await Promise.all(entries.map((entry) => entry.done))
  }
}
