import type { FedhubEntityManager } from '@fedhub/shared/data'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import { deleteNodeRows } from '../nodes/delete-node.ts'
import type { Caller } from '../permissions/index.ts'
import { deleteTaskTrees } from '../tasks/task-tree.ts'
import { announce, findCollaboration } from './write-collaboration.ts'

const COUNTS = `select
  (select count(*) from task where collaboration_id = ?) as tasks,
  (select count(*) from node where collaboration_id = ?) as nodes,
  (select count(*) from study where collaboration_id = ?) as studies`

/**
 * `DELETE /collaboration/<id>`. With dependents it deletes tasks with their runs, nodes, studies
 * and the algorithm-store links bound to it; upstream leaves runs behind and turns those store
 * links into links for every collaboration.
 */
export async function deleteCollaboration(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deleteDependents: boolean,
): Promise<void> {
  await findCollaboration(em, id)
  if (!COLLABORATION_RULES.for(caller).canForCol('DELETE', id)) throw denied()
  const rows = (await em.execute(COUNTS, [id, id, id])) as Array<Record<string, unknown>>
  const [tasks, nodes, studies] = ['tasks', 'nodes', 'studies'].map((k) => Number(rows[0]?.[k]))
  if ((tasks ?? 0) + (nodes ?? 0) + (studies ?? 0) > 0 && !deleteDependents) {
    throw badRequest(
      'collaboration.has_dependents',
      `Collaboration id=${id} has ${tasks} tasks, ${nodes} nodes and ${studies} studies. Please delete them separately or set delete_dependents=True`,
    )
  }
  await em.transactional(async (tx) => {
    const taskRows = (await tx.execute('select id from task where collaboration_id = ?', [
      id,
    ])) as Array<{ id: number }>
    await deleteTaskTrees(
      tx,
      taskRows.map((row) => Number(row.id)),
    )
    await deleteNodeRows(tx, 'select id from node where collaboration_id = ?', [id])
    await tx.execute('delete from study where collaboration_id = ?', [id])
    await tx.execute(
      'update task set algorithm_store_id = null where algorithm_store_id in (select id from algorithmstore where collaboration_id = ?)',
      [id],
    )
    await tx.execute('delete from algorithmstore where collaboration_id = ?', [id])
    await tx.execute('delete from collaboration where id = ?', [id])
    announce(tx, id, 'deleted')
  })
}
