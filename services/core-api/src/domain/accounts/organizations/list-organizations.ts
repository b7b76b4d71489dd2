import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization, Study } from '@fedhub/shared/entities'
import { fetchPage, type Page, type PageRequest } from '../../list-kit/index.ts'
import type { Caller } from '../../permissions/index.ts'
import { badRequest, denied } from '../account-errors.ts'
import { ORGANIZATION_RULES } from '../resource-rules.ts'

export interface OrganizationFilters {
  name?: string
  country?: string
  collaboration_id?: number
  study_id?: number
  ids?: number[]
}

/** `GET /organization` for users, nodes and containers. Two list queries per page. */
export async function listOrganizations(
  em: FedhubEntityManager,
  caller: Caller,
  filters: OrganizationFilters,
  page: PageRequest,
): Promise<Page<Organization>> {
  const guard = ORGANIZATION_RULES.for(caller)
  const qb = em.createQueryBuilder(Organization, 'o')
  if (filters.collaboration_id !== undefined) {
    if (!guard.canForCol('VIEW', filters.collaboration_id)) {
      throw denied('You lack the permission to get all organizations in your collaboration!')
    }
    qb.andWhere('o.id in (select organization_id from "Member" where collaboration_id = ?)', [
      filters.collaboration_id,
    ])
  }
  if (filters.study_id !== undefined) {
    const study = await em.findOne(Study, filters.study_id)
    // Upstream fails with 500 here; a clean 400 says what is wrong.
    if (study === null) {
      throw badRequest('study.not_found', `Study with id=${filters.study_id} does not exist!`)
    }
    const collaborationId = study.collaboration?.id
    if (collaborationId === undefined || !guard.canForCol('VIEW', collaborationId)) {
      throw denied('You lack the permission to get all organizations in a study!')
    }
    qb.andWhere('o.id in (select organization_id from "StudyMember" where study_id = ?)', [
      study.id,
    ])
  }
  if (filters.ids !== undefined && filters.ids.length > 0) qb.andWhere({ id: { $in: filters.ids } })
  if (filters.name !== undefined) qb.andWhere({ name: { $like: filters.name } })
  if (filters.country !== undefined) qb.andWhere({ country: filters.country })
  if (!guard.has('GLOBAL', 'VIEW')) {
    const own = caller.organizationId ?? -1
    if (guard.has('COLLABORATION', 'VIEW')) {
      qb.andWhere({ id: { $in: [...caller.collaborationOrganizationIds, own] } })
    } else if (guard.has('ORGANIZATION', 'VIEW')) {
      qb.andWhere({ id: own })
    } else {
      throw denied()
    }
  }
  return fetchPage(qb, page)
}
