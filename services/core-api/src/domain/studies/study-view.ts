import type { Organization, Study } from '@fedhub/shared/entities'
import {
  type OrganizationView,
  toOrganizationView,
} from '../accounts/organizations/organization-view.ts'
import type { HateoasLink, LinkBuilder } from '../list-kit/index.ts'

export interface StudyView {
  id: number
  name: string | null
  collaboration: HateoasLink | null
  organizations: string | OrganizationView[]
  tasks: string
}

/** A study; with `members`, `organizations` holds them instead of the link. */
export function toStudyView(
  study: Study,
  links: LinkBuilder,
  members?: readonly Organization[],
): StudyView {
  return {
    id: study.id,
    name: study.name ?? null,
    collaboration: links.one('collaboration', study.collaboration?.id),
    organizations:
      members === undefined
        ? links.many('organization', 'study_id', study.id)
        : members.map((org) => toOrganizationView(org, links)),
    tasks: links.many('task', 'study_id', study.id),
  }
}

export const STUDY_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 's.id',
  name: 's.name',
  collaboration_id: 's.collaboration',
}
