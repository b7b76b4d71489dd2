import type { Collaboration, Organization } from '@fedhub/shared/entities'
import {
  type OrganizationView,
  toOrganizationView,
} from '../accounts/organizations/organization-view.ts'
import type { LinkBuilder } from '../list-kit/index.ts'

export interface CollaborationView {
  id: number
  name: string | null
  encrypted: boolean
  organizations: string | OrganizationView[]
  nodes: string
  tasks: string
  algorithm_stores: string
  studies: string
}

/** A collaboration; with `members`, `organizations` holds them instead of the link. */
export function toCollaborationView(
  collaboration: Collaboration,
  links: LinkBuilder,
  members?: readonly Organization[],
): CollaborationView {
  const id = collaboration.id
  return {
    id,
    name: collaboration.name ?? null,
    encrypted: collaboration.encrypted === true,
    organizations:
      members === undefined
        ? links.many('organization', 'collaboration_id', id)
        : members.map((org) => toOrganizationView(org, links)),
    nodes: links.many('node', 'collaboration_id', id),
    tasks: links.many('task', 'collaboration_id', id),
    algorithm_stores: links.many('algorithmstore', 'collaboration_id', id),
    studies: links.many('study', 'collaboration_id', id),
  }
}

export const COLLABORATION_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'c.id',
  name: 'c.name',
  encrypted: 'c.encrypted',
}
