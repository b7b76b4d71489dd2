import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Study } from '@fedhub/shared/entities'
import { denied } from '../accounts/account-errors.ts'
import { STUDY_RULES } from '../federated/rules.ts'
import { idList } from '../federated/scope.ts'
import { fetchPage, type Page, type PageRequest } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'

export interface StudyFilters {
  name?: string
  organization_id?: number
  collaboration_id?: number
}

const HAS_MEMBER = 's.id in (select study_id from "StudyMember" where organization_id = ?)'

/** `GET /study`; containers may list too (upstream answers them 500). */
export async function listStudies(
  em: FedhubEntityManager,
  caller: Caller,
  f: StudyFilters,
  page: PageRequest,
): Promise<Page<Study>> {
  const guard = STUDY_RULES.for(caller)
  const wide = guard.has('GLOBAL', 'VIEW') || guard.has('COLLABORATION', 'VIEW')
  const qb = em.createQueryBuilder(Study, 's')
  if (f.organization_id !== undefined) {
    if (wide) qb.andWhere(HAS_MEMBER, [f.organization_id])
    else if (!guard.has('ORGANIZATION', 'VIEW') || f.organization_id !== caller.organizationId) {
      throw denied()
    }
  }
  if (f.collaboration_id !== undefined) {
    const mine =
      (guard.has('COLLABORATION', 'VIEW') || guard.has('ORGANIZATION', 'VIEW')) &&
      caller.collaborationIds.has(f.collaboration_id)
    if (!guard.has('GLOBAL', 'VIEW') && !mine) throw denied()
    qb.andWhere({ collaboration: f.collaboration_id })
  }
  if (f.name !== undefined) qb.andWhere({ name: { $like: f.name } })
  if (!guard.has('GLOBAL', 'VIEW')) {
    if (guard.has('COLLABORATION', 'VIEW')) {
      qb.andWhere({ collaboration: { $in: idList(caller.collaborationIds) } })
    } else if (guard.has('ORGANIZATION', 'VIEW')) {
      qb.andWhere(HAS_MEMBER, [caller.organizationId ?? -1])
    } else {
      throw denied()
    }
  }
  return fetchPage(qb, page)
}
