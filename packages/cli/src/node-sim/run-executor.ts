import type { Logger } from '@fedhub/shared/logging'
import { type Algorithm, AlgorithmError, algorithmForImage } from './algorithms/index.ts'
import { ContainerClient } from './container-client.ts'
import type { CsvDatabase } from './csv-database.ts'
import type { NodeSession } from './node-session.ts'
import { decodePayload, encodePayload, parseAlgorithmInput } from './payload-encoding.ts'
import { type NodeIdentity, nodeTimestamp, type OpenRun, type RunStatus } from './run-types.ts'
import type { NodeTimings } from './timings.ts'

export interface RunOutcome {
  runId: number
  taskId: number
  status: RunStatus | 'skipped'
  /** The algorithm's return value, when it completed. */
  result?: unknown
}

export interface RunExecutorDeps {
  session: NodeSession
  identity: NodeIdentity
  databases: ReadonlyMap<string, CsvDatabase>
  timings: NodeTimings
  logger: Logger
  /** Sends a Socket.IO event on the node's current socket. */
  emit(event: string, payload: unknown): void
  /** Tells the node a run became active (for its own bookkeeping and listeners). */
  onActive?(run: OpenRun): void
}

class RunAborted extends Error {}

/**
 * Executes one run the way the official node drives a container: mark it started, get a
 * container token, report `active`, compute, report the final status, and patch the result
 * with the log. A kill aborts `signal`; the kill handler then reports the run itself.
 */
export async function executeRun(
  deps: RunExecutorDeps,
  run: OpenRun,
  signal: AbortSignal,
): Promise<RunOutcome> {
  const { session, logger } = deps
  const base = { runId: run.id, taskId: run.task.id }
  const checkpoint = () => {
    if (signal.aborted) throw new RunAborted()
  }
  const patch = (body: Record<string, unknown>) =>
    session.request('PATCH', `run/${run.id}`, body).then(() => undefined)
  const announce = (status: RunStatus) =>
    deps.emit('algorithm_status_change', statusChange(deps.identity, run, status))
  try {
    await patch({ started_at: nodeTimestamp() })
    checkpoint()
    let containerToken: string
    try {
      const reply = await session.request<{ container_token: string }>('POST', 'token/container', {
        task_id: run.task.id,
        image: run.task.image,
      })
      containerToken = reply.container_token
    } catch (error) {
      logger.warn({ err: error, runId: run.id }, 'no container token for run')
      await patch({ status: 'failed', log: 'Could not obtain algorithm container token' })
      return { ...base, status: 'failed' }
    }
    checkpoint()
    const algorithm = algorithmForImage(run.task.image)
    if (algorithm === undefined) {
      await patch({ status: 'non-existing Docker image' })
      announce('non-existing Docker image')
      return { ...base, status: 'non-existing Docker image' }
    }
    await patch({ status: 'active' })
    announce('active')
    deps.onActive?.(run)
    const lines: string[] = []
    const log = (line: string) => {
      lines.push(line)
      deps.emit('algorithm_log', {
        collaboration_id: deps.identity.collaborationId,
        run_id: run.id,
        task_id: run.task.id,
        log: `${line}\n`,
      })
    }
    const container = new ContainerClient(session.endpoint, containerToken, deps.timings, signal)
    const outcome = await compute(algorithm, run, { deps, log, container, signal })
    checkpoint()
    announce(outcome.status)
    await patch({
      result: encodePayload(outcome.status === 'completed' ? outcome.result : null),
      log: lines.join('\n'),
      status: outcome.status,
      finished_at: nodeTimestamp(),
    })
    return { ...base, ...outcome }
  } catch (error) {
    if (error instanceof RunAborted || signal.aborted) return { ...base, status: 'skipped' }
    throw error
  }
}

interface ComputeContext {
  deps: RunExecutorDeps
  log(line: string): void
  container: ContainerClient
  signal: AbortSignal
}

async function compute(
  algorithm: Algorithm,
  run: OpenRun,
  context: ComputeContext,
): Promise<{ status: 'completed' | 'crashed'; result?: unknown }> {
  try {
    const input = parseAlgorithmInput(decodeInput(run))
    if (typeof input === 'string') throw new AlgorithmError(input)
    const method = algorithm[input.method]
    if (method === undefined) throw new AlgorithmError(`method '${input.method}' not found`)
    const databases = (run.task.databases ?? []).map((db) => {
      const database = context.deps.databases.get(db.label)
      if (database === undefined) throw new AlgorithmError(`no database with label '${db.label}'`)
      return database
    })
    const result = await method({
      input,
      databases,
      signal: context.signal,
      log: context.log,
      container: context.container,
    })
    return { status: 'completed', result }
  } catch (error) {
    if (context.signal.aborted) throw new RunAborted()
    // What a crashing container prints last: its error, in the run's log.
    context.log(`error: ${(error as Error).message}`)
    return { status: 'crashed' }
  }
}

function decodeInput(run: OpenRun): unknown {
  if (run.blob_storage_used === true) {
    throw new AlgorithmError('inputs in blob storage are not supported by simulated nodes')
  }
  if (run.input === null) throw new AlgorithmError('the run has no input')
  try {
    return decodePayload(run.input)
  } catch {
    throw new AlgorithmError('the input is not base64 of JSON (is the collaboration encrypted?)')
  }
}

/** The payload of the node's `algorithm_status_change` event. */
export function statusChange(identity: NodeIdentity, run: OpenRun, status: RunStatus) {
  return {
    node_id: identity.id,
    status,
    run_id: run.id,
    task_id: run.task.id,
    collaboration_id: identity.collaborationId,
    organization_id: identity.organizationId,
    parent_id: run.task.parent?.id ?? null,
  }
}
