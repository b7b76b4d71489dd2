import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization } from '@fedhub/shared/entities'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { memberIds } from '../collaborations/members.ts'
import { STUDY_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { findStudy } from './study-access.ts'

/**
 * `POST` / `DELETE /study/<id>/organization`. Adding a member twice changes nothing; removing a
 * non-member is a 400 (upstream: 500).
 */
export async function changeStudyMember(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  organizationId: number,
  add: boolean,
): Promise<Organization[]> {
  const study = await findStudy(em, id)
  const collaborationId = study.collaboration?.id ?? -1
  if (!STUDY_RULES.for(caller).canForCol('EDIT', collaborationId)) throw denied()
  const org = await em.findOne(Organization, organizationId)
  if (org === null) {
    throw notFound('organization.not_found', `Organization id=${organizationId} not found!`)
  }
  const member = study.organizations.getItems().some((o) => o.id === organizationId)
  if (add) {
    if (!(await memberIds(em, collaborationId)).has(organizationId)) {
      throw badRequest(
        'study.not_members',
        `Organization id=${organizationId} is not part of the collaboration of study id=${id}!`,
      )
    }
    if (!member) study.organizations.add(org)
  } else {
    if (!member) {
      throw badRequest(
        'study.not_member',
        `Organization id=${organizationId} is not part of study id=${id}`,
      )
    }
    study.organizations.remove(org)
  }
  await em.flush()
  return study.organizations.getItems().sort((a, b) => a.id - b.id)
}
