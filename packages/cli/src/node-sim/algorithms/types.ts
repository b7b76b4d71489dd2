import type { ContainerClient } from '../container-client.ts'
import type { CsvDatabase } from '../csv-database.ts'
import type { AlgorithmInput } from '../payload-encoding.ts'

/** What a built-in algorithm sees: its input, the task's databases and the container's API. */
export interface AlgorithmContext {
  input: AlgorithmInput
  /** The task's databases that this node holds, in the task's order. */
  databases: CsvDatabase[]
  /** Aborted when the run is killed. */
  signal: AbortSignal
  /** One line of the algorithm's log; the node shares it with the server. */
  log(line: string): void
  /** The container's calls to the server (sub-tasks), made with its container token. */
  container: ContainerClient
}

export type AlgorithmMethod = (context: AlgorithmContext) => Promise<unknown>

/** A built-in algorithm: the methods its "image" offers. */
export type Algorithm = Readonly<Record<string, AlgorithmMethod>>

/** A failure the algorithm reports; the run ends `crashed` with the message in its log. */
export class AlgorithmError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AlgorithmError'
  }
}

/** The first database of the task, which is where these algorithms read their data. */
export function firstDatabase(context: AlgorithmContext): CsvDatabase {
  const database = context.databases[0]
  if (database === undefined) throw new AlgorithmError('the task names no database of this node')
  return database
}

/** A required string keyword argument. */
export function stringArgument(context: AlgorithmContext, name: string): string {
  const value = context.input.kwargs[name]
  if (typeof value !== 'string' || value === '') {
    throw new AlgorithmError(`keyword argument '${name}' must be a non-empty string`)
  }
  return value
}

/** The `organizations` keyword argument, or every organization of the collaboration. */
export async function targetOrganizations(context: AlgorithmContext): Promise<number[]> {
  const chosen = context.input.kwargs.organizations
  if (chosen === undefined) return context.container.organizationIds()
  if (!Array.isArray(chosen) || !chosen.every((id) => Number.isInteger(id) && id > 0)) {
    throw new AlgorithmError("keyword argument 'organizations' must be a list of ids")
  }
  return chosen as number[]
}

/**
 * The central half of a federated method: one sub-task running `method` at every target
 * organization, and its partial results once all completed.
 */
export async function runPartials(
  context: AlgorithmContext,
  method: string,
  kwargs: Record<string, unknown>,
): Promise<unknown[]> {
  const organizations = await targetOrganizations(context)
  const taskId = await context.container.createSubtask({ method, kwargs }, organizations)
  context.log(`created sub-task ${taskId} for organizations ${organizations.join(', ')}`)
  const results = await context.container.waitForResults(taskId)
  context.log(`sub-task ${taskId} returned ${results.length} partial results`)
  return results
}
