import { AppError } from '@fedhub/shared/errors'
import {
  RPC,
  type SocketIdentity,
  SocketIdentityReply,
  type SocketIdentityReplyValue,
  schemaProblems,
} from '@fedhub/shared/events'
import { bearerToken, type TokenVerifier } from '@fedhub/shared/tokens'
import type { EventBus } from '@fedhub/shared/transports'

/**
 * How a connecting socket's token turned out. `expired` and `invalid` are told to the client
 * (the node then refreshes or logs in again); `unidentified` is only logged, as upstream does.
 */
export type SocketAuthOutcome =
  | { kind: 'identified'; identity: SocketIdentity; tokenVersion: number }
  | { kind: 'expired' }
  | { kind: 'invalid' }
  | { kind: 'unidentified'; reason: string }

const IDENTITY_TIMEOUT_MS = 5_000

/** The token from the handshake's `Authorization` header, or the Socket.IO auth payload. */
export function handshakeToken(
  headers: Record<string, string | string[] | undefined>,
  auth: Record<string, unknown>,
): string {
  const header = headers.authorization
  if (typeof header === 'string' && header !== '') return bearerToken(header)
  if (typeof auth.token === 'string' && auth.token !== '') return auth.token
  return bearerToken(undefined)
}

/**
 * Verifies a handshake's token with the public keys and asks core-api whom it speaks for. A
 * failing lookup (core-api unreachable) is thrown, so the caller can make the client retry.
 */
export async function authenticateSocket(
  handshake: {
    headers: Record<string, string | string[] | undefined>
    auth: Record<string, unknown>
  },
  verifier: TokenVerifier,
  bus: EventBus,
): Promise<SocketAuthOutcome> {
  let identity: Awaited<ReturnType<TokenVerifier['verify']>>
  try {
    identity = await verifier.verify(handshakeToken(handshake.headers, handshake.auth), 'access')
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'auth.token_expired') return { kind: 'expired' }
    if (error.code === 'auth.token_signature') return { kind: 'invalid' }
    return { kind: 'unidentified', reason: error.message }
  }
  if (identity.clientType === 'container') {
    return { kind: 'unidentified', reason: 'algorithm containers do not use sockets' }
  }
  const reply = await bus.request(
    RPC.socketIdentity,
    { type: identity.clientType, id: identity.id, token_version: identity.tokenVersion },
    { timeoutMs: IDENTITY_TIMEOUT_MS },
  )
  const problems = schemaProblems(SocketIdentityReply, reply)
  if (problems.length > 0) throw new Error(`bad identity reply: ${problems.join('; ')}`)
  const answer = reply as SocketIdentityReplyValue
  if (answer.status === 'ok') {
    return { kind: 'identified', identity: answer, tokenVersion: identity.tokenVersion }
  }
  // A token issued before the identity's token version went up: the node logs in again.
  if (answer.status === 'revoked') return { kind: 'invalid' }
  return { kind: 'unidentified', reason: `identity ${identity.id} no longer exists` }
}
