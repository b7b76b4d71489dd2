import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmStore, Collaboration } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import { idList } from '../federated/scope.ts'
import { fetchPage, type Page, type PageRequest } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'

export interface StoreFilters {
  name?: string
  url?: string
  collaboration_id?: number
}

/** Global view; or organization view and the store is global or bound to one's collaboration. */
function mayView(caller: Caller, collaborationId: number | undefined): boolean {
  const guard = COLLABORATION_RULES.for(caller)
  if (guard.has('GLOBAL', 'VIEW')) return true
  if (!guard.has('ORGANIZATION', 'VIEW')) return false
  return collaborationId === undefined || caller.collaborationIds.has(collaborationId)
}

/** `GET /algorithmstore`: the stores bound to a collaboration and those available to all. */
export async function listStores(
  em: FedhubEntityManager,
  caller: Caller,
  f: StoreFilters,
  page: PageRequest,
): Promise<Page<AlgorithmStore>> {
  const qb = em.createQueryBuilder(AlgorithmStore, 's')
  if (f.collaboration_id !== undefined) {
    if ((await em.count(Collaboration, f.collaboration_id)) === 0) {
      throw notFound('collaboration.not_found', 'Collaboration not found')
    }
    if (!mayView(caller, f.collaboration_id)) throw denied()
    qb.andWhere({ $or: [{ collaboration: f.collaboration_id }, { collaboration: null }] })
  }
  if (f.name !== undefined) qb.andWhere({ name: { $like: f.name } })
  if (f.url !== undefined) qb.andWhere({ url: { $like: f.url } })
  if (!COLLABORATION_RULES.for(caller).has('GLOBAL', 'VIEW')) {
    if (!mayView(caller, undefined)) throw denied()
    qb.andWhere({
      $or: [{ collaboration: { $in: idList(caller.collaborationIds) } }, { collaboration: null }],
    })
  }
  return fetchPage(qb, page)
}

export async function getStore(em: FedhubEntityManager, caller: Caller, id: number) {
  const store = await em.findOne(AlgorithmStore, id)
  if (store === null)
    throw notFound('algorithm_store.not_found', `Algorithm store id=${id} not found`)
  if (!mayView(caller, store.collaboration?.id)) throw denied()
  return store
}

/**
 * `PATCH /algorithmstore/<id>`: name and collaboration. Edit rights are needed on the current
 * collaboration (global edit for a store available to all) and on the new one.
 */
export async function updateStore(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: { name?: string; collaboration_id?: number },
) {
  const store = await em.findOne(AlgorithmStore, id)
  if (store === null)
    throw notFound('algorithm_store.not_found', `Algorithm store id=${id} not found`)
  const guard = COLLABORATION_RULES.for(caller)
  const current = store.collaboration?.id
  const mayEdit = (collaborationId: number | undefined) =>
    collaborationId === undefined
      ? guard.has('GLOBAL', 'EDIT')
      : guard.canForCol('EDIT', collaborationId)
  if (!mayEdit(current)) throw denied()
  if (input.collaboration_id !== undefined) {
    if (!mayEdit(input.collaboration_id)) throw denied()
    if ((await em.count(Collaboration, input.collaboration_id)) === 0) {
      throw notFound(
        'collaboration.not_found',
        `Collaboration id=${input.collaboration_id} not found`,
      )
    }
    store.collaboration = em.getReference(Collaboration, input.collaboration_id)
  }
  if (input.name !== undefined) store.name = input.name
  await em.flush()
  return store
}
