import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Node, Study } from '@fedhub/shared/entities'
import { badRequest, denied } from '../accounts/account-errors.ts'
import { NODE_RULES } from '../federated/rules.ts'
import { idList } from '../federated/scope.ts'
import { fetchPage, type Page, type PageRequest, utcDate } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'

export interface NodeFilters {
  name?: string
  organization_id?: number
  collaboration_id?: number
  study_id?: number
  status?: string
  ip?: string
  last_seen_from?: string
  last_seen_till?: string
}

/** `GET /node` for users and nodes; four queries per page (count, rows, config, identities). */
export async function listNodes(
  em: FedhubEntityManager,
  caller: Caller,
  filters: NodeFilters,
  page: PageRequest,
): Promise<Page<Node>> {
  const guard = NODE_RULES.for(caller)
  const qb = em.createQueryBuilder(Node, 'n').leftJoin('n.authenticatable', 'a')
  if (filters.organization_id !== undefined) {
    if (!guard.allowedForOrg('VIEW', filters.organization_id)) throw denied()
    qb.andWhere({ organization: filters.organization_id })
  }
  if (filters.collaboration_id !== undefined) {
    if (!guard.canForCol('VIEW', filters.collaboration_id)) throw denied()
    qb.andWhere({ collaboration: filters.collaboration_id })
  }
  if (filters.study_id !== undefined) {
    const study = await em.findOne(Study, filters.study_id)
    if (study === null) {
      throw badRequest('study.not_found', `Study with id=${filters.study_id} does not exist!`)
    }
    const collaborationId = study.collaboration?.id ?? -1
    if (!guard.canForCol('VIEW', collaborationId)) throw denied()
    qb.andWhere({ collaboration: collaborationId })
    qb.andWhere(
      'n.organization_id in (select organization_id from "StudyMember" where study_id = ?)',
      [study.id],
    )
  }
  if (filters.name !== undefined) qb.andWhere({ name: { $like: filters.name } })
  if (filters.status !== undefined) qb.andWhere({ 'a.status': filters.status })
  if (filters.ip !== undefined) qb.andWhere({ 'a.ip': filters.ip })
  if (filters.last_seen_from !== undefined) {
    qb.andWhere({ 'a.lastSeen': { $gte: utcDate(filters.last_seen_from) } })
  }
  if (filters.last_seen_till !== undefined) {
    qb.andWhere({ 'a.lastSeen': { $lte: utcDate(filters.last_seen_till) } })
  }
  if (!guard.has('GLOBAL', 'VIEW')) {
    if (guard.has('COLLABORATION', 'VIEW')) {
      qb.andWhere({ collaboration: { $in: idList(caller.collaborationIds) } })
    } else if (guard.has('ORGANIZATION', 'VIEW')) {
      qb.andWhere({ organization: caller.organizationId ?? -1 })
    } else {
      throw denied()
    }
  }
  const result = await fetchPage(qb, page)
  await em.populate(result.rows, ['config'])
  // The join only filters and sorts: identity rows selected through it come back without their
  // columns (shared primary key), so status and last_seen are read in a query of their own.
  await em.populate(result.rows, ['authenticatable'], { refresh: true })
  return result
}
