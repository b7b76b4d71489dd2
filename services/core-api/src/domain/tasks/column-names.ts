import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Collaboration, type Task } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import type { StoreClient } from '../algorithm-stores/store-calls.ts'
import { TASK_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { createTask } from './create-task.ts'

export interface ColumnRequest {
  db_label: string
  collaboration_id: number
  organizations: Array<{ id: number; input: string }>
  sheet_name?: string
  query?: string
}

const COLUMN_ROWS = `select c.value from node n join nodeconfig c on c.node_id = n.id
  where n.collaboration_id = ? and c.key = ?
    and n.id = (select min(n2.node_id) from nodeconfig n2 join node m on m.id = n2.node_id
                where m.collaboration_id = ? and n2.key = ?)
  order by c.id`

/** The image upstream asks for column names with. */
export const COLUMN_IMAGE = 'harbor2.vantage6.ai/algorithms/basics'

/**
 * `POST /column`: the columns a node shared for the database label, or else a task that asks
 * the nodes for them (created exactly as `POST /task` would).
 */
export async function columnNames(
  em: FedhubEntityManager,
  caller: Caller,
  body: ColumnRequest,
  stores: StoreClient,
): Promise<{ columns: string[] } | { task: Task }> {
  if ((await em.count(Collaboration, body.collaboration_id)) === 0) {
    throw notFound(
      'collaboration.not_found',
      `Collaboration id=${body.collaboration_id} not found!`,
    )
  }
  if (!TASK_RULES.for(caller).canForCol('CREATE', body.collaboration_id)) throw denied()
  const key = `columns_${body.db_label}`
  const rows = (await em.execute(COLUMN_ROWS, [
    body.collaboration_id,
    key,
    body.collaboration_id,
    key,
  ])) as Array<{ value: string | null }>
  if (rows.length > 0) return { columns: rows.map((row) => row.value ?? '') }
  const database: { label: string; sheet_name?: string; query?: string } = { label: body.db_label }
  if (body.sheet_name !== undefined) database.sheet_name = body.sheet_name
  if (body.query !== undefined) database.query = body.query
  const task = await createTask(
    em,
    caller,
    {
      name: 'get_column_names',
      image: COLUMN_IMAGE,
      collaboration_id: body.collaboration_id,
      organizations: body.organizations,
      databases: [database],
    },
    stores,
  )
  return { task }
}
