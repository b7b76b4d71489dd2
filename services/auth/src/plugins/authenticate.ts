import type { IdentityGuard, VerifiedIdentity } from '@fedhub/shared/tokens'
import type { FastifyRequest } from 'fastify'
import { authErrors } from '../domain/auth-errors.ts'

type Kind = VerifiedIdentity['clientType']
// Intersection, not Extract: users and nodes share one member of the union.
type Of<K extends Kind> = VerifiedIdentity & { clientType: K }

/**
 * Authenticates a request and holds it to the identity types a route allows. Upstream answers a
 * wrong type with a 500; a 401 tells the client the same and is not a server fault.
 */
export async function authenticate<K extends Kind>(
  guard: IdentityGuard,
  request: FastifyRequest,
  allowed: readonly K[],
  expected: 'access' | 'refresh' = 'access',
): Promise<Of<K>> {
  const identity = await guard.authenticate(request.headers.authorization, expected)
  if (!(allowed as readonly Kind[]).includes(identity.clientType)) {
    throw authErrors.wrongIdentityType()
  }
  if (identity.clientType !== 'container') request.identityId = identity.id
  return identity as Of<K>
}
