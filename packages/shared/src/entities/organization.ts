import { Collection, EntitySchema } from '@mikro-orm/core'
import { BytesType } from './bytes-type.ts'
import type { Collaboration } from './collaboration.ts'
import { serialId, varchar } from './columns.ts'
import type { Study } from './study.ts'

/** `organization`: a party of the network; runs one node per collaboration. */
export class Organization {
  id!: number
  name?: string | null
  domain?: string | null
  address1?: string | null
  address2?: string | null
  zipcode?: string | null
  country?: string | null
  /** Raw PEM bytes (`_public_key`); the API shows their base64. */
  publicKey?: Buffer | null
  collaborations = new Collection<Collaboration>(this)
  studies = new Collection<Study>(this)
}

export const OrganizationSchema = new EntitySchema<Organization>({
  class: Organization,
  tableName: 'organization',
  properties: {
    id: serialId(),
    name: varchar('name', { unique: true }),
    domain: varchar('domain'),
    address1: varchar('address1'),
    address2: varchar('address2'),
    zipcode: varchar('zipcode'),
    country: varchar('country'),
    publicKey: { type: BytesType, fieldName: '_public_key', nullable: true },
    collaborations: { kind: 'm:n', entity: 'Collaboration', mappedBy: 'organizations' },
    studies: { kind: 'm:n', entity: 'Study', mappedBy: 'organizations' },
  },
})
