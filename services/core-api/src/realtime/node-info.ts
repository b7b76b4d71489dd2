import type { FedhubEntityManager } from '@fedhub/shared/data'
import type { NodeInfoReportEvent } from '@fedhub/shared/events'

/** Upstream stores values through the driver: booleans and numbers as their plain text. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

/**
 * Flattens a node's `node_info_update` into `nodeconfig` rows as upstream does: a list gives one
 * row per element under its key; an object gives rows under each inner key (its own key is
 * dropped), one per element when the inner value is a list; a scalar gives one row.
 */
export function flattenNodeInfo(info: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = []
  const add = (key: string, value: unknown) => {
    if (Array.isArray(value)) for (const item of value) rows.push([key, asText(item)])
    else rows.push([key, asText(value)])
  }
  for (const [key, value] of Object.entries(info)) {
    if (value === null || value === undefined) continue
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) add(inner, innerValue)
    } else {
      add(key, value)
    }
  }
  return rows
}

/**
 * Replaces the node's configuration rows in one transaction. A node deleted since it reported
 * has nothing to replace; answers whether the rows were written.
 */
export async function replaceNodeConfig(
  em: FedhubEntityManager,
  report: NodeInfoReportEvent,
): Promise<boolean> {
  const rows = flattenNodeInfo(report.info)
  return em.transactional(async (tx) => {
    const [node] = await tx.execute('select id from node where id = ?', [report.sender.node_id])
    if (node === undefined) return false
    await tx.execute('delete from nodeconfig where node_id = ?', [report.sender.node_id])
    for (const [key, value] of rows) {
      await tx.execute('insert into nodeconfig (node_id, key, value) values (?, ?, ?)', [
        report.sender.node_id,
        key,
        value,
      ])
    }
    return true
  })
}
