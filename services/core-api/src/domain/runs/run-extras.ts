import type { FedhubEntityManager } from '@fedhub/shared/data'
import { idList } from '../federated/scope.ts'
import type { PortView, RunNode } from './run-view.ts'

/** What a run view shows beyond its own columns, loaded for a whole page at once. */
export interface RunExtras {
  nodes: Map<number, RunNode>
  ports: Map<number, PortView[]>
}

// The node of the run's organization in the task's collaboration.
const NODES = (ids: number[]) => `select r.id as run_id, n.id, n.name, a.ip, a.status from run r
  join task t on t.id = r.task_id
  join node n on n.organization_id = r.organization_id and n.collaboration_id = t.collaboration_id
  join authenticatable a on a.id = n.id
  where r.id in (${ids.join(',')})`

const PORTS = (ids: number[]) =>
  `select id, port, label, run_id from algorithmport where run_id in (${ids.join(',')}) order by id`

interface NodeRow {
  run_id: number
  id: number
  name: string | null
  ip: string | null
  status: string | null
}

interface PortRow {
  id: number
  port: number | null
  label: string | null
  run_id: number
}

/** Two queries, whatever the number of runs. */
export async function loadRunExtras(
  em: FedhubEntityManager,
  runIds: readonly number[],
): Promise<RunExtras> {
  const ids = idList(runIds.map(Number))
  const [nodeRows, portRows] = await Promise.all([
    em.execute(NODES(ids)) as Promise<NodeRow[]>,
    em.execute(PORTS(ids)) as Promise<PortRow[]>,
  ])
  const nodes = new Map<number, RunNode>()
  for (const row of nodeRows) {
    nodes.set(Number(row.run_id), {
      id: Number(row.id),
      name: row.name,
      ip: row.ip,
      status: row.status,
    })
  }
  const ports = new Map<number, PortView[]>()
  for (const row of portRows) {
    const list = ports.get(Number(row.run_id)) ?? []
    list.push({ id: Number(row.id), port: row.port, label: row.label })
    ports.set(Number(row.run_id), list)
  }
  return { nodes, ports }
}
