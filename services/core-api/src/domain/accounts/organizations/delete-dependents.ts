import type { FedhubEntityManager } from '@fedhub/shared/data'

/**
 * Deletes the tasks that `taskIds` (a SQL select of ids) names, with their runs, the runs'
 * ports and the task databases; sub-tasks of other owners lose their parent link. Set-based, so
 * the number of statements does not grow with the number of tasks.
 */
export async function deleteTasks(
  em: FedhubEntityManager,
  taskIds: string,
  params: unknown[],
): Promise<void> {
  const runs = `select id from run where task_id in (${taskIds})`
  await em.execute(`delete from algorithmport where run_id in (${runs})`, params)
  await em.execute(`delete from run where task_id in (${taskIds})`, params)
  await em.execute(`delete from taskdatabase where task_id in (${taskIds})`, params)
  await em.execute(`update task set parent_id = null where parent_id in (${taskIds})`, params)
  await em.execute(`delete from task where id in (${taskIds})`, params)
}

/** Counts of what still points at an organization, as the refusal message lists them. */
export interface OrganizationDependents {
  runs: number
  tasks: number
  nodes: number
  users: number
  roles: number
}

const COUNTS = `select
  (select count(*) from run where organization_id = ?) as runs,
  (select count(*) from task where init_org_id = ?) as tasks,
  (select count(*) from node where organization_id = ?) as nodes,
  (select count(*) from "user" where organization_id = ?) as users,
  (select count(*) from role where organization_id = ?) as roles`

export async function countDependents(
  em: FedhubEntityManager,
  id: number,
): Promise<OrganizationDependents> {
  const rows = (await em.execute(COUNTS, [id, id, id, id, id])) as Array<Record<string, unknown>>
  const row = rows[0] ?? {}
  const n = (key: string) => Number(row[key] ?? 0)
  return {
    runs: n('runs'),
    tasks: n('tasks'),
    nodes: n('nodes'),
    users: n('users'),
    roles: n('roles'),
  }
}

/** Deletes everything of an organization, in upstream's order, then the organization. */
export async function deleteOrganizationRows(em: FedhubEntityManager, id: number): Promise<void> {
  await em.execute(
    'delete from algorithmport where run_id in (select id from run where organization_id = ?)',
    [id],
  )
  await em.execute('delete from run where organization_id = ?', [id])
  await deleteTasks(em, 'select id from task where init_org_id = ?', [id])
  const nodes = 'select id from node where organization_id = ?'
  await em.execute(`delete from nodeconfig where node_id in (${nodes})`, [id])
  await em.execute(`delete from authenticatable where id in (${nodes})`, [id])
  await em.execute(
    'delete from authenticatable where id in (select id from "user" where organization_id = ?)',
    [id],
  )
  await em.execute('delete from role where organization_id = ?', [id])
  // Memberships of collaborations and studies go with the row (cascading foreign keys).
  await em.execute('delete from organization where id = ?', [id])
}
