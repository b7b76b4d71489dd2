import type { FedhubEntityManager } from '@fedhub/shared/data'

/** Deletes the nodes a SQL select of ids names, with their config and identity rows. */
export async function deleteNodeRows(
  em: FedhubEntityManager,
  nodeIds: string,
  params: unknown[],
): Promise<void> {
  await em.execute(`delete from nodeconfig where node_id in (${nodeIds})`, params)
  // The node row goes with its identity row (cascading foreign key).
  await em.execute(`delete from authenticatable where id in (${nodeIds})`, params)
}
