import type { FedhubEntityManager } from '@fedhub/shared/data'
import { type Run, Task } from '@fedhub/shared/entities'
import type { LinkBuilder } from '../list-kit/index.ts'
import { loadTaskExtras } from '../tasks/task-extras.ts'
import { type TaskView, toTaskView } from '../tasks/task-view.ts'
import { loadRunExtras } from './run-extras.ts'
import { type RunView, toRunView } from './run-view.ts'

/** Views of a page of runs; with `withTask`, each nests its task (without a `runs` key). */
export async function presentRuns(
  em: FedhubEntityManager,
  runs: readonly Run[],
  links: LinkBuilder,
  withTask: boolean,
): Promise<RunView[]> {
  const extras = await loadRunExtras(
    em,
    runs.map((run) => run.id),
  )
  const nested = new Map<number, TaskView>()
  if (withTask) {
    const taskIds = [...new Set(runs.map((run) => run.task?.id).filter((id) => id !== undefined))]
    const tasks = await em.find(Task, { id: { $in: taskIds } })
    const taskExtras = await loadTaskExtras(em, taskIds)
    for (const task of tasks) {
      nested.set(task.id, toTaskView(task, links, taskExtras, { withoutRuns: true }))
    }
  }
  return runs.map((run) => {
    const task = run.task === null || run.task === undefined ? undefined : nested.get(run.task.id)
    return toRunView(run, links, extras, task)
  })
}
