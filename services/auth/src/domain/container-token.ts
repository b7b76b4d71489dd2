import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Node, Task } from '@fedhub/shared/entities'
import type { ContainerSubject } from '@fedhub/shared/tokens'
import { isTaskOpen } from '@fedhub/shared/tokens'
import { authErrors } from './auth-errors.ts'

// A stored parameters column that is not a JSON object contributes nothing but the label.
function parametersOf(text: string | null | undefined): Record<string, unknown> {
  if (text === null || text === undefined || text === '') return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/**
 * The `sub` of a container token for one node, task and image, after upstream's checks in
 * upstream's order.
 */
export async function containerSubject(
  em: FedhubEntityManager,
  nodeId: number,
  taskId: number,
  image: string,
): Promise<ContainerSubject> {
  const task = await em.findOne(Task, { id: taskId }, { populate: ['databases'] })
  if (task === null) throw authErrors.taskMissing()
  if (task.image !== image) throw authErrors.imageMismatch()
  const node = await em.findOne(Node, { id: nodeId })
  const collaborationId = node?.collaboration?.id
  if (
    node === null ||
    collaborationId === undefined ||
    collaborationId !== task.collaboration?.id
  ) {
    throw authErrors.notInCollaboration()
  }
  const organizationId = node.organization?.id
  if (organizationId === undefined) throw authErrors.notInCollaboration()
  if (!(await isTaskOpen(em, taskId))) throw authErrors.taskFinished()
  return {
    client_type: 'container',
    node_id: nodeId,
    organization_id: organizationId,
    collaboration_id: collaborationId,
    study_id: task.study?.id ?? null,
    store_id: task.algorithmStore?.id ?? null,
    task_id: taskId,
    image,
    databases: task.databases
      .getItems()
      .map((db) => ({ ...parametersOf(db.parameters), label: db.database ?? null })),
  }
}
