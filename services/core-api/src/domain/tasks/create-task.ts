import type { FedhubEntityManager } from '@fedhub/shared/data'
import { allocateJobId, writeOutbox } from '@fedhub/shared/data'
import { AlgorithmStore, Run, Task, TaskDatabase } from '@fedhub/shared/entities'
import { AppError } from '@fedhub/shared/errors'
import { EVENTS } from '@fedhub/shared/events'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { assertName } from '../accounts/names.ts'
import { imageFromStore } from '../algorithm-stores/image-lookup.ts'
import type { StoreClient } from '../algorithm-stores/store-calls.ts'
import { TASK_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { checkInputs } from './input-check.ts'
import { checkNodePolicies } from './node-policy.ts'
import { resolveTarget } from './task-target.ts'

export interface DatabaseInput {
  label: string
  [key: string]: unknown
}

export interface TaskInput {
  name?: string
  description?: string
  image: string
  collaboration_id?: number
  study_id?: number
  store_id?: number
  server_url?: string
  organizations: Array<{ id: number; input: string }>
  databases?: DatabaseInput[] | null
}

const invalidContainer = () => denied('Container-token is not valid')

/** What a container's sub-task inherits from its parent task. */
async function parentOf(
  em: FedhubEntityManager,
  caller: Caller,
  image: string,
  collaborationId: number,
) {
  const claim = caller.container
  if (claim === undefined) throw invalidContainer()
  const parent = await em.findOne(Task, claim.task_id)
  if (parent === null || !image.endsWith(claim.image)) throw invalidContainer()
  if (claim.collaboration_id !== collaborationId) throw invalidContainer()
  return parent
}

/** The store a user's task names, which must serve the task's collaboration. */
async function storeOf(em: FedhubEntityManager, storeId: number, collaborationId: number) {
  const store = await em.findOne(AlgorithmStore, storeId)
  if (store === null)
    throw badRequest('algorithm_store.not_found', `Algorithm store id=${storeId} not found!`)
  const bound = store.collaboration?.id
  if (bound !== undefined && bound !== collaborationId) {
    throw new AppError(
      'algorithm_store.other_collaboration',
      'The algorithm store is not part of the collaboration to which the task is posted.',
      { status: 403 },
    )
  }
  return store
}

/**
 * `POST /task` for users and containers. The task, one run per listed organization (in request
 * order, each with its own input), its databases and the `new_task` event are written in one
 * transaction; the job id comes from the sequence, so concurrent tasks never share one.
 */
export async function createTask(
  em: FedhubEntityManager,
  caller: Caller,
  input: TaskInput,
  stores: StoreClient,
): Promise<Task> {
  assertName('name', input.name)
  const orgIds = input.organizations.map((org) => org.id)
  const target = await resolveTarget(em, input.collaboration_id, input.study_id, orgIds)
  const collaborationId = target.collaboration.id
  if (caller.type === 'user') await checkNodePolicies(em, caller, collaborationId, orgIds)
  const initOrg = caller.organizationId
  if (initOrg === null || !target.members.has(initOrg)) {
    throw denied('You can only create tasks for collaborations you are participating in!')
  }
  const parent =
    caller.type === 'container' ? await parentOf(em, caller, input.image, collaborationId) : null
  if (parent === null && !TASK_RULES.for(caller).canForCol('CREATE', collaborationId)) {
    throw denied()
  }
  // A sub-task runs its parent's algorithm from its parent's store, whatever the container named.
  let algorithm =
    parent === null
      ? { image: input.image, store: null as AlgorithmStore | null }
      : {
          image: parent.image ?? input.image,
          store: parent.algorithmStore ?? null,
        }
  if (parent === null && input.store_id !== undefined) {
    const store = await storeOf(em, input.store_id, collaborationId)
    algorithm = await imageFromStore(stores, store, input.image, input.server_url)
  }
  checkInputs(
    input.organizations.map((org) => org.input),
    target.collaboration.encrypted === true,
  )
  return em.transactional(async (tx) => {
    const now = new Date()
    const task = tx.create(Task, {
      name: input.name ?? '',
      description: input.description ?? '',
      image: algorithm.image,
      collaboration: collaborationId,
      study: target.studyId,
      initOrg,
      initUser: parent === null ? (caller.id ?? null) : (parent.initUser?.id ?? null),
      parent: parent?.id ?? null,
      algorithmStore: algorithm.store?.id ?? null,
      jobId: parent?.jobId ?? (await allocateJobId(tx)),
      createdAt: now,
    })
    for (const { label, ...rest } of input.databases ?? []) {
      tx.create(TaskDatabase, { task, database: label, parameters: JSON.stringify(rest) })
    }
    for (const org of input.organizations) {
      tx.create(Run, {
        task,
        organization: org.id,
        input: org.input,
        status: 'pending',
        assignedAt: now,
        blobStorageUsed: false,
      })
    }
    await tx.flush()
    writeOutbox(tx, EVENTS.taskCreated.subject, {
      id: task.id,
      parent_id: parent?.id ?? null,
      collaboration_id: collaborationId,
    })
    await tx.flush()
    return task
  })
}
