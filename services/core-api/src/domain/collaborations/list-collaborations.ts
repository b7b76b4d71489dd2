import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmStore, Collaboration } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import { fetchPage, type Page, type PageRequest } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'

export interface CollaborationFilters {
  name?: string
  encrypted?: string
  organization_id?: number
  algorithm_store_id?: number
}

const MEMBER_OF = 'c.id in (select collaboration_id from "Member" where organization_id = ?)'

/** `GET /collaboration` for users and nodes. */
export async function listCollaborations(
  em: FedhubEntityManager,
  caller: Caller,
  filters: CollaborationFilters,
  page: PageRequest,
): Promise<Page<Collaboration>> {
  const guard = COLLABORATION_RULES.for(caller)
  const global = guard.has('GLOBAL', 'VIEW')
  const qb = em.createQueryBuilder(Collaboration, 'c')
  if (filters.organization_id !== undefined) {
    if (!global && filters.organization_id !== caller.organizationId) {
      throw denied('You lack the permission to request collaborations for this organization!')
    }
    if (global) qb.andWhere(MEMBER_OF, [filters.organization_id])
  }
  if (filters.algorithm_store_id !== undefined) {
    const store = await em.findOne(AlgorithmStore, filters.algorithm_store_id)
    if (store === null) {
      throw notFound(
        'algorithm_store.not_found',
        `Algorithm store with id=${filters.algorithm_store_id} not found`,
      )
    }
    // Upstream keeps every collaboration with any bound store; the store's own one is meant.
    const bound = store.collaboration?.id
    if (bound !== undefined) qb.andWhere({ id: bound })
  }
  if (filters.name !== undefined) qb.andWhere({ name: { $like: filters.name } })
  if (filters.encrypted !== undefined) {
    qb.andWhere({ encrypted: ['1', 'true'].includes(filters.encrypted.toLowerCase()) })
  }
  if (!global) {
    if (!guard.has('ORGANIZATION', 'VIEW')) throw denied()
    qb.andWhere(MEMBER_OF, [caller.organizationId ?? -1])
  }
  return fetchPage(qb, page)
}
