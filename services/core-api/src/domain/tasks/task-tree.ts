import type { FedhubEntityManager } from '@fedhub/shared/data'
import { deleteTasks } from '../accounts/organizations/delete-dependents.ts'
import { idList } from '../federated/scope.ts'

const DESCENDANTS = (count: number) => `with recursive tree(id) as (
    select id from task where id in (${Array(count).fill('?').join(', ')})
    union select t.id from task t join tree on t.parent_id = tree.id)
  select id from tree`

/** The tasks and all their descendants, in one recursive query. */
export async function withDescendants(
  em: FedhubEntityManager,
  taskIds: readonly number[],
): Promise<number[]> {
  const ids = idList(taskIds)
  const rows = (await em.execute(DESCENDANTS(ids.length), ids)) as Array<{ id: number }>
  return rows.map((row) => Number(row.id))
}

/**
 * Deletes tasks with every descendant, their runs, ports and databases. Upstream leaves the runs
 * of descendant tasks behind without a task; here nothing is orphaned.
 */
export async function deleteTaskTrees(
  em: FedhubEntityManager,
  taskIds: readonly number[],
): Promise<void> {
  const ids = idList(await withDescendants(em, taskIds))
  // The ids are fixed first: deleting nulls parent links, which the recursion follows.
  await deleteTasks(em, `select id from task where id in (${ids.map(() => '?').join(', ')})`, ids)
}
