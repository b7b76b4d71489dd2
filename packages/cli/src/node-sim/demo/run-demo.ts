import { setTimeout as delay } from 'node:timers/promises'
import type { Logger } from '@fedhub/shared/logging'
import { startSimulatedNodes } from '../fleet.ts'
import type { ApiEndpoint } from '../http.ts'
import { decodePayload, encodePayload } from '../payload-encoding.ts'
import { ensureMember, provisionNodes } from '../provision.ts'
import type { NodeTimings } from '../timings.ts'
import { UserApi } from '../user-api.ts'
import { readDemoFixture } from './demo-fixture.ts'

export interface DemoOptions {
  endpoint: ApiEndpoint
  username: string
  password: string
  fixtureFile: string
  /** How long the analysis may take before the demo gives up; default 120 s. */
  timeoutMs?: number
  /** Interval of the task status polls; default 250 ms. */
  pollMs?: number
  timings?: Partial<NodeTimings>
  logger: Logger
  /** Receives each line the demo prints. */
  print(line: string): void
}

export interface DemoReport {
  taskId: number
  column: string
  mean: number | null
  count: number
  organizations: number
  /** Each step's name and duration in milliseconds, in order. */
  steps: Array<{ step: string; ms: number }>
}

const FINISHED_OK = 'completed'
const STILL_RUNNING = new Set(['pending', 'initializing', 'active'])

/**
 * The newcomer's tour: sets up the fixture's network on a running server (reusing what an
 * earlier run made), starts one simulated node per organization in this process, submits a
 * federated mean and prints the result with the time each step took.
 */
export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const steps: DemoReport['steps'] = []
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const result = await work()
    const ms = performance.now() - started
    steps.push({ step, ms })
    options.print(`  ${step.padEnd(58, '.')} ${(ms / 1000).toFixed(2)} s`)
    return result
  }
  const fixture = await readDemoFixture(options.fixtureFile)
  const { serverUrl, apiPath } = options.endpoint
  options.print(`fedhub demo against ${serverUrl}${apiPath}`)
  await checkReachable(options.endpoint)

  const api = await timed(`log in as ${options.username}`, () =>
    UserApi.login(options.endpoint, options.username, options.password),
  )
  const provisioned = await timed(
    `network: ${fixture.organizations.length} organizations, collaboration '${fixture.collaboration}'`,
    async () => {
      const network = await provisionNodes({
        api,
        collaboration: fixture.collaboration,
        organizationNames: fixture.organizations.map((org) => org.name),
        logger: options.logger,
      })
      // Only members may submit tasks: the administrator's organization joins, without a node.
      await ensureMember(api, network.collaborationId, await api.ownOrganizationId())
      return network
    },
  )
  const fleet = await timed(`${provisioned.nodes.length} simulated nodes online`, async () => {
    const started = await startSimulatedNodes({
      serverUrl,
      apiPath,
      timings: options.timings,
      logger: options.logger,
      nodes: provisioned.nodes.map((node, index) => ({
        apiKey: node.apiKey,
        databases: [
          { label: fixture.database_label, file: fixture.organizations[index]?.csv as string },
        ],
      })),
    })
    await Promise.all(started.nodes.map((node) => node.whenOnline()))
    return started
  })
  try {
    const column = fixture.analysis.column
    const organizations = provisioned.nodes.map((node) => node.organizationId)
    const aggregator = organizations[0] as number
    const taskId = await timed(
      `task submitted (${fixture.analysis.image}, central mean of '${column}')`,
      async () => {
        const task = await api.request<{ id: number }>('POST', 'task', {
          name: `demo mean of ${column}`,
          image: fixture.analysis.image,
          collaboration_id: provisioned.collaborationId,
          organizations: [
            {
              id: aggregator,
              input: encodePayload({ method: 'central', kwargs: { column, organizations } }),
            },
          ],
          databases: [{ label: fixture.database_label }],
        })
        return task.id
      },
    )
    const result = await timed('nodes computed, central method combined the partials', () =>
      waitForResult(api, taskId, options.timeoutMs ?? 120_000, options.pollMs ?? 250),
    )
    const report: DemoReport = {
      taskId,
      column,
      mean: result.mean,
      count: result.count,
      organizations: result.organizations,
      steps,
    }
    const total = steps.reduce((sum, step) => sum + step.ms, 0)
    options.print(`  ${'total'.padEnd(58, '.')} ${(total / 1000).toFixed(2)} s`)
    options.print(
      `mean of '${column}' over ${result.organizations} organizations (${result.count} values): ${shown(result.mean)}`,
    )
    return report
  } finally {
    await fleet.stop()
  }
}

// Four decimals read better than the full double; the report keeps the exact value.
const shown = (value: number | null) => (value === null ? 'none' : String(Number(value.toFixed(4))))

async function checkReachable(endpoint: ApiEndpoint): Promise<void> {
  try {
    await fetch(`${endpoint.serverUrl.replace(/\/+$/, '')}${endpoint.apiPath}/version`, {
      signal: AbortSignal.timeout(10_000),
    })
  } catch {
    throw new Error(
      `no fedhub server answers at ${endpoint.serverUrl}; start one first (pnpm start) or pass --server`,
    )
  }
}

interface CentralMean {
  mean: number | null
  count: number
  organizations: number
}

async function waitForResult(
  api: UserApi,
  taskId: number,
  timeoutMs: number,
  pollMs: number,
): Promise<CentralMean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { status } = await api.request<{ status: string }>('GET', `task/${taskId}/status`)
    if (status === FINISHED_OK) break
    if (!STILL_RUNNING.has(status)) {
      const runs = await api.list<{ log: string | null }>('run', { task_id: taskId })
      throw new Error(
        `task ${taskId} ended as '${status}': ${runs.map((run) => run.log).join(' | ')}`,
      )
    }
    if (Date.now() > deadline) {
      throw new Error(
        `task ${taskId} is still '${status}' after ${timeoutMs / 1000} s; do the nodes hear of new tasks?`,
      )
    }
    await delay(pollMs)
  }
  const [item] = await api.list<{ result: string | null }>('result', { task_id: taskId })
  if (item?.result === undefined || item.result === null)
    throw new Error(`task ${taskId} has no result`)
  return decodePayload(item.result) as CentralMean
}
