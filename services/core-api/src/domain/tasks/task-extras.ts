import type { FedhubEntityManager } from '@fedhub/shared/data'
import { taskStatus } from '../federated/run-status.ts'
import { idList } from '../federated/scope.ts'

export interface TaskState {
  status: string
  finishedAt: Date | null
}

/** Derived status and databases of a page of tasks. */
export interface TaskExtras {
  states: Map<number, TaskState>
  databases: Map<number, Array<{ label: string | null; parameters: string | null }>>
}

interface RunRow {
  task_id: number
  status: string | null
  finished_at: Date | string | number | null
}

interface DatabaseRow {
  task_id: number
  database: string | null
  parameters: string | null
}

// Raw rows carry timestamps as the driver gives them: UTC text on PostgreSQL, numbers on SQLite.
function asDate(value: Date | string | number | null): Date | null {
  if (value === null) return null
  if (value instanceof Date || typeof value === 'number') return new Date(value)
  return new Date(`${value.replace(' ', 'T')}Z`)
}

/** Two queries, whatever the number of tasks. */
export async function loadTaskExtras(
  em: FedhubEntityManager,
  taskIds: readonly number[],
): Promise<TaskExtras> {
  const ids = idList(taskIds.map(Number)).join(',')
  const [runs, dbs] = await Promise.all([
    em.execute(`select task_id, status, finished_at from run where task_id in (${ids})`) as Promise<
      RunRow[]
    >,
    em.execute(
      `select task_id, database, parameters from taskdatabase where task_id in (${ids}) order by id`,
    ) as Promise<DatabaseRow[]>,
  ])
  const grouped = new Map<number, RunRow[]>()
  for (const row of runs) {
    const list = grouped.get(Number(row.task_id)) ?? []
    list.push(row)
    grouped.set(Number(row.task_id), list)
  }
  const states = new Map<number, TaskState>()
  for (const id of taskIds) {
    const rows = grouped.get(id) ?? []
    const finished = rows.map((row) => asDate(row.finished_at)).filter((d) => d !== null)
    states.set(id, {
      status: taskStatus(rows.map((row) => row.status)),
      finishedAt: finished.length === 0 ? null : new Date(Math.max(...finished.map(Number))),
    })
  }
  const databases = new Map<number, Array<{ label: string | null; parameters: string | null }>>()
  for (const row of dbs) {
    const list = databases.get(Number(row.task_id)) ?? []
    list.push({ label: row.database, parameters: row.parameters })
    databases.set(Number(row.task_id), list)
  }
  return { states, databases }
}
