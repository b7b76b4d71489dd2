import type { Organization } from '@fedhub/shared/entities'
import { base64Of, type LinkBuilder } from '../../list-kit/index.ts'

export interface OrganizationView {
  id: number
  name: string | null
  domain: string | null
  address1: string | null
  address2: string | null
  zipcode: string | null
  country: string | null
  public_key: string
  collaborations: string
  nodes: string
  users: string
  tasks: string
  runs: string
  studies: string
}

export function toOrganizationView(org: Organization, links: LinkBuilder): OrganizationView {
  return {
    id: org.id,
    name: org.name ?? null,
    domain: org.domain ?? null,
    address1: org.address1 ?? null,
    address2: org.address2 ?? null,
    zipcode: org.zipcode ?? null,
    country: org.country ?? null,
    public_key: base64Of(org.publicKey),
    collaborations: links.many('collaboration', 'organization_id', org.id),
    nodes: links.many('node', 'organization_id', org.id),
    users: links.many('user', 'organization_id', org.id),
    tasks: links.many('task', 'init_org_id', org.id),
    runs: links.many('run', 'organization_id', org.id),
    studies: links.many('study', 'organization_id', org.id),
  }
}

export const ORGANIZATION_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'o.id',
  name: 'o.name',
  domain: 'o.domain',
  address1: 'o.address1',
  address2: 'o.address2',
  zipcode: 'o.zipcode',
  country: 'o.country',
}
