import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Run, type Task } from '@fedhub/shared/entities'
import type { LinkBuilder } from '../list-kit/index.ts'
import { RESULT_COLUMNS, RUN_COLUMNS } from '../runs/list-runs.ts'
import { loadRunExtras } from '../runs/run-extras.ts'
import { toResultView, toRunView } from '../runs/run-view.ts'
import { loadTaskExtras } from './task-extras.ts'
import { type TaskView, toTaskView } from './task-view.ts'

export type TaskInclude = 'runs' | 'results'

/** Views of a page of tasks, with their runs and results nested when asked for. */
export async function presentTasks(
  em: FedhubEntityManager,
  tasks: readonly Task[],
  links: LinkBuilder,
  include: ReadonlySet<TaskInclude>,
): Promise<TaskView[]> {
  const taskIds = tasks.map((task) => task.id)
  const extras = await loadTaskExtras(em, taskIds)
  if (include.size === 0 || tasks.length === 0) {
    return tasks.map((task) => toTaskView(task, links, extras))
  }
  // Only what the nested views show: runs carry their input, results their result.
  const fields = [
    ...new Set([
      ...(include.has('runs') ? RUN_COLUMNS : []),
      ...(include.has('results') ? RESULT_COLUMNS : []),
    ]),
  ]
  // The views read only the loaded columns, so the partial rows serve as runs.
  const runs = (await em.find(
    Run,
    { task: { $in: taskIds } },
    { orderBy: { id: 'asc' }, fields },
  )) as Run[]
  const runExtras = include.has('runs')
    ? await loadRunExtras(
        em,
        runs.map((run) => run.id),
      )
    : { nodes: new Map(), ports: new Map() }
  return tasks.map((task) => {
    const own = runs.filter((run) => run.task?.id === task.id)
    return toTaskView(task, links, extras, {
      ...(include.has('runs') ? { runs: own.map((run) => toRunView(run, links, runExtras)) } : {}),
      ...(include.has('results') ? { results: own.map((run) => toResultView(run, links)) } : {}),
    })
  })
}
