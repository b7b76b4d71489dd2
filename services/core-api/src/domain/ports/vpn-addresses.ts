import type { FedhubEntityManager } from '@fedhub/shared/data'
import { badRequest, denied } from '../accounts/account-errors.ts'
import type { Caller } from '../permissions/index.ts'

/** Which tasks around its own a container asks the addresses of. */
export interface AddressQuery {
  includeChildren: boolean
  includeParent: boolean
  onlyChildren: boolean
  onlyParent: boolean
  onlySiblings: boolean
  onlySelf: boolean
  label?: string
}

export interface AlgorithmAddress {
  port: number | null
  label: string | null
  ip: string | null
  organization_id: number | null
  task_id: number | null
  parent_id: number | null
}

// The address of a port is the VPN ip of the node that runs it: the node of the run's
// organization in the task's collaboration.
const ADDRESSES = (taskCount: number, extra: string) => `select p.port, p.label, a.ip,
    r.organization_id, r.task_id, t.parent_id
  from algorithmport p
  join run r on r.id = p.run_id
  join task t on t.id = r.task_id
  left join node n on n.organization_id = r.organization_id
    and n.collaboration_id = t.collaboration_id
  left join authenticatable a on a.id = n.id
  where r.task_id in (${Array(taskCount).fill('?').join(', ')})${extra}
  order by p.id`

const nullableNumber = (value: unknown) => (value === null ? null : Number(value))

/** The tasks whose ports the container sees: its own, widened or replaced as asked. */
async function taskSet(
  em: FedhubEntityManager,
  taskId: number,
  q: AddressQuery,
): Promise<number[]> {
  if (q.onlySiblings || q.onlySelf) return [taskId]
  let ids = [taskId]
  if (q.includeChildren || q.onlyChildren) {
    const rows = (await em.execute('select id from task where parent_id = ? order by id', [
      taskId,
    ])) as Array<{ id: number }>
    const children = rows.map((row) => Number(row.id))
    ids = q.onlyChildren ? children : [...ids, ...children]
  }
  if (q.includeParent || q.onlyParent) {
    const rows = (await em.execute('select parent_id from task where id = ?', [taskId])) as Array<{
      parent_id: number | null
    }>
    const parent = rows[0]?.parent_id
    // As upstream: a task without a parent keeps the set it has, even for `only_parent`.
    if (parent !== null && parent !== undefined) {
      ids = q.onlyParent ? [Number(parent)] : [...ids, Number(parent)]
    }
  }
  return ids
}

/**
 * `GET /vpn/algorithm/addresses`: where the algorithm containers of a task family listen, so
 * that a container can reach the others over the VPN.
 */
export async function algorithmAddresses(
  em: FedhubEntityManager,
  caller: Caller,
  q: AddressQuery,
): Promise<AlgorithmAddress[]> {
  const claim = caller.container
  if (claim === undefined) throw denied()
  const only = [q.onlyChildren, q.onlyParent, q.onlySiblings, q.onlySelf].filter(Boolean)
  if (only.length > 1) {
    throw badRequest('vpn.only_conflict', 'You can only specify one of the only_<...> parameters!')
  }
  const taskIds = await taskSet(em, claim.task_id, q)
  if (taskIds.length === 0) return []
  const params: unknown[] = [...taskIds]
  let extra = ''
  if (q.onlySiblings || q.onlySelf) {
    extra += q.onlySiblings ? ' and r.organization_id <> ?' : ' and r.organization_id = ?'
    params.push(claim.organization_id)
  }
  if (q.label !== undefined && q.label !== '') {
    extra += ' and p.label = ?'
    params.push(q.label)
  }
  const rows = (await em.execute(ADDRESSES(taskIds.length, extra), params)) as Array<
    Record<string, unknown>
  >
  return rows.map((row) => ({
    port: nullableNumber(row.port),
    label: (row.label as string | null) ?? null,
    ip: (row.ip as string | null) ?? null,
    organization_id: nullableNumber(row.organization_id),
    task_id: nullableNumber(row.task_id),
    parent_id: nullableNumber(row.parent_id),
  }))
}
