import { type Static, Type } from 'typebox'

const Id = Type.Integer({ minimum: 1 })

/** gateway → core-api at connect: whom a verified token speaks for. */
export const SocketIdentityRequest = Type.Object({
  type: Type.Enum(['user', 'node']),
  id: Id,
  token_version: Type.Integer({ minimum: 0 }),
})

/**
 * core-api's answer: the identity's name, organization and rooms, or why it has none. A token
 * whose identity is gone is `unknown`; one issued before a token-version bump is `revoked`.
 */
export const SocketIdentityReply = Type.Union([
  Type.Object({
    status: Type.Literal('ok'),
    type: Type.Enum(['user', 'node']),
    id: Id,
    name: Type.String(),
    organization_id: Type.Union([Id, Type.Null()]),
    /** The node's collaboration; null for users. */
    collaboration_id: Type.Union([Id, Type.Null()]),
    rooms: Type.Array(Type.String()),
  }),
  Type.Object({ status: Type.Enum(['unknown', 'revoked']) }),
])

export type SocketIdentityRequestValue = Static<typeof SocketIdentityRequest>
export type SocketIdentityReplyValue = Static<typeof SocketIdentityReply>
export type SocketIdentity = Extract<SocketIdentityReplyValue, { status: 'ok' }>

/** Room names exactly as vantage6 clients know them. */
export const ROOMS = Object.freeze({
  allNodes: 'all_nodes',
  collaboration: (collaborationId: number) => `collaboration_${collaborationId}`,
  collaborationOrganization: (collaborationId: number, organizationId: number) =>
    `collaboration_${collaborationId}_organization_${organizationId}`,
})
