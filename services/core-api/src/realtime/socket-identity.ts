import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AppError } from '@fedhub/shared/errors'
import {
  ROOMS,
  type SocketIdentityReplyValue,
  type SocketIdentityRequestValue,
} from '@fedhub/shared/events'
import type { TokenClaims } from '@fedhub/shared/tokens'
import { type Caller, loadCaller } from '../domain/permissions/index.ts'

interface NodeRow {
  name: string | null
  organization_id: number
  collaboration_id: number
}

const NODE_ROW = `select n.name, n.organization_id, n.collaboration_id from node n where n.id = ?`

/**
 * Whom a socket speaks for and which rooms it joins, computed once at connect as upstream does.
 * A node joins `all_nodes`, its collaboration and its collaboration-organization room; a user
 * joins rooms by the widest `event` receive rule it holds (global, collaboration, organization;
 * scopes do not add up), and none without one.
 */
export async function resolveSocketIdentity(
  em: FedhubEntityManager,
  request: SocketIdentityRequestValue,
): Promise<SocketIdentityReplyValue> {
  let caller: Caller
  try {
    caller = await loadCaller(em, {
      clientType: request.type,
      id: request.id,
      tokenVersion: request.token_version,
      // loadCaller reads no claim of a user or node; the gateway verified the token already.
      claims: {} as TokenClaims,
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth.token_revoked') {
      return { status: 'revoked' }
    }
    if (error instanceof AppError && error.code === 'auth.identity_missing') {
      return { status: 'unknown' }
    }
    throw error
  }
  if (request.type === 'node') return nodeIdentity(em, request.id)
  return {
    status: 'ok',
    type: 'user',
    id: request.id,
    name: caller.username ?? '',
    organization_id: caller.organizationId,
    collaboration_id: null,
    rooms: await userRooms(em, caller),
  }
}

async function nodeIdentity(
  em: FedhubEntityManager,
  id: number,
): Promise<SocketIdentityReplyValue> {
  const [row] = (await em.execute(NODE_ROW, [id])) as NodeRow[]
  if (row === undefined) return { status: 'unknown' }
  const collaborationId = Number(row.collaboration_id)
  const organizationId = Number(row.organization_id)
  return {
    status: 'ok',
    type: 'node',
    id,
    name: row.name ?? '',
    organization_id: organizationId,
    collaboration_id: collaborationId,
    rooms: [
      ROOMS.allNodes,
      ROOMS.collaboration(collaborationId),
      ROOMS.collaborationOrganization(collaborationId, organizationId),
    ],
  }
}

async function userRooms(em: FedhubEntityManager, caller: Caller): Promise<string[]> {
  const own = [...caller.collaborationIds].sort((a, b) => a - b)
  if (caller.rules.has('event', 'GLOBAL', 'RECEIVE')) {
    const rows = (await em.execute('select id from collaboration order by id')) as Array<{
      id: number
    }>
    return rows.map((row) => ROOMS.collaboration(Number(row.id)))
  }
  if (caller.rules.has('event', 'COLLABORATION', 'RECEIVE')) return own.map(ROOMS.collaboration)
  const organizationId = caller.organizationId
  if (caller.rules.has('event', 'ORGANIZATION', 'RECEIVE') && organizationId !== null) {
    return own.map((collaborationId) =>
      ROOMS.collaborationOrganization(collaborationId, organizationId),
    )
  }
  return []
}
