/** Identity types of vantage6 tokens, as `client_type` names them. */
export type ClientType = 'user' | 'node' | 'container'

/** The `sub` object of a container token, as algorithm containers read it. */
export interface ContainerSubject {
  client_type: 'container'
  node_id: number
  organization_id: number
  collaboration_id: number
  study_id: number | null
  store_id: number | null
  task_id: number
  image: string
  databases: Array<Record<string, unknown>>
}

/**
 * Claims as upstream's Flask-JWT-Extended writes them, plus `ver` (fedhub's token version).
 * Clients decode tokens without verifying them, so these shapes are part of the wire format.
 */
export interface TokenClaims {
  fresh: boolean
  iat: number
  nbf: number
  jti: string
  csrf?: string
  type: 'access' | 'refresh'
  exp?: number
  client_type: ClientType
  roles: string[]
  sub: number | ContainerSubject
  /** Token version of the identity when the token was issued (fedhub addition). */
  ver?: number
}

/** Who a verified token speaks for. */
export type VerifiedIdentity =
  | { clientType: 'user' | 'node'; id: number; tokenVersion: number; claims: TokenClaims }
  | { clientType: 'container'; subject: ContainerSubject; claims: TokenClaims }
