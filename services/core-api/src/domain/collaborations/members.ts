import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization } from '@fedhub/shared/entities'
import { idList } from '../federated/scope.ts'

/** Member organizations of each collaboration, in one query, for `include=organizations`. */
export async function membersOf(
  em: FedhubEntityManager,
  collaborationIds: readonly number[],
): Promise<Map<number, Organization[]>> {
  const pairs = (await em.execute(
    `select collaboration_id, organization_id from "Member" where collaboration_id in (${idList(collaborationIds).join(',')}) order by organization_id`,
  )) as Array<{ collaboration_id: number; organization_id: number }>
  const orgs = await em.find(Organization, { id: { $in: pairs.map((p) => p.organization_id) } })
  const byId = new Map(orgs.map((org) => [org.id, org]))
  const result = new Map<number, Organization[]>(collaborationIds.map((id) => [id, []]))
  for (const pair of pairs) {
    const org = byId.get(Number(pair.organization_id))
    if (org !== undefined) result.get(Number(pair.collaboration_id))?.push(org)
  }
  return result
}

/** Organization ids that are members of the collaboration. */
export async function memberIds(
  em: FedhubEntityManager,
  collaborationId: number,
): Promise<Set<number>> {
  const rows = (await em.execute(
    'select organization_id from "Member" where collaboration_id = ?',
    [collaborationId],
  )) as Array<{ organization_id: number }>
  return new Set(rows.map((row) => Number(row.organization_id)))
}
