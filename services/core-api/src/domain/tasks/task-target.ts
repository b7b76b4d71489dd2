import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Collaboration, Study } from '@fedhub/shared/entities'
import { badRequest, notFound } from '../accounts/account-errors.ts'
import { memberIds } from '../collaborations/members.ts'

/** The collaboration (and study) a new task goes to, with the member organizations. */
export interface TaskTarget {
  collaboration: Collaboration
  studyId: number | null
  members: Set<number>
}

const NODES = (count: number) =>
  `select organization_id from node where collaboration_id = ? and organization_id in (${Array(count).fill('?').join(', ')})`

/**
 * Resolves `collaboration_id` / `study_id` and checks that every organization takes part (in
 * the study, when there is one) and has a node in the collaboration.
 */
export async function resolveTarget(
  em: FedhubEntityManager,
  collaborationId: number | undefined,
  studyId: number | undefined,
  orgIds: readonly number[],
): Promise<TaskTarget> {
  let study: Study | null = null
  if (studyId !== undefined) {
    study = await em.findOne(Study, studyId, { populate: ['organizations'] })
    if (study === null) throw notFound('study.not_found', `Study id=${studyId} not found!`)
    const own = study.collaboration?.id
    if (collaborationId !== undefined && own !== collaborationId) {
      throw badRequest(
        'task.study_collaboration',
        `Study id=${studyId} is not part of collaboration id=${collaborationId}!`,
      )
    }
    collaborationId = own
  }
  const collaboration =
    collaborationId === undefined ? null : await em.findOne(Collaboration, collaborationId)
  if (collaboration === null) {
    throw notFound('collaboration.not_found', `Collaboration id=${collaborationId} not found!`)
  }
  const members = await memberIds(em, collaboration.id)
  const outside = orgIds.filter((id) => !members.has(id))
  if (outside.length > 0) {
    throw badRequest(
      'task.organization_not_member',
      `At least one of the supplied organizations (${outside.join(', ')}) is not within the collaboration.`,
    )
  }
  if (study !== null) {
    const inStudy = new Set(study.organizations.getItems().map((org) => org.id))
    const notInStudy = orgIds.filter((id) => !inStudy.has(id))
    if (notInStudy.length > 0) {
      throw badRequest(
        'task.organization_not_in_study',
        `At least one of the supplied organizations (${notInStudy.join(', ')}) is not within the study.`,
      )
    }
  }
  const rows = (await em.execute(NODES(orgIds.length), [collaboration.id, ...orgIds])) as Array<{
    organization_id: number
  }>
  const withNode = new Set(rows.map((row) => Number(row.organization_id)))
  const without = [...new Set(orgIds.filter((id) => !withNode.has(id)))]
  if (without.length > 0) {
    throw badRequest(
      'task.no_node',
      `Cannot create this task because there are no nodes registered for the following organization(s): ${without.join(', ')}.`,
    )
  }
  return { collaboration, studyId: study?.id ?? null, members }
}
