import type { FedhubOrm } from '../data/index.ts'
import type { VerifiedIdentity } from './claims.ts'
import { hasUnfinishedRun } from './task-status.ts'
import type { TokenVersions } from './token-versions.ts'
import { bearerToken, type TokenVerifier, tokenErrors } from './verifier.ts'

export interface IdentityGuard {
  /**
   * Verifies the bearer token of an `Authorization` header and checks it is still good: the
   * identity exists and has not bumped its token version since; a container's task is open.
   */
  authenticate(
    header: string | undefined,
    expected?: 'access' | 'refresh',
  ): Promise<VerifiedIdentity>
}

/**
 * The checks every service that accepts tokens makes after the signature: the identity still
 * exists and has not bumped its token version since the token was issued (through the cache in
 * {@link TokenVersions}), and a container's task is still open.
 *
 * @example
 * const guard = createIdentityGuard(createTokenVerifier(keys), createTokenVersions(orm, kv, bus), orm)
 * const identity = await guard.authenticate(request.headers.authorization)
 */
export function createIdentityGuard(
  verifier: TokenVerifier,
  versions: TokenVersions,
  orm: () => Promise<FedhubOrm>,
): IdentityGuard {
  return {
    async authenticate(header, expected = 'access') {
      const identity = await verifier.verify(bearerToken(header), expected)
      if (identity.clientType === 'container') {
        const em = (await orm()).em.fork()
        if (!(await hasUnfinishedRun(em, identity.subject.task_id))) {
          throw tokenErrors.containerTaskFinished()
        }
        return identity
      }
      const version = await versions.current(identity.id)
      if (version === undefined) throw tokenErrors.identityMissing(identity.id)
      if (identity.tokenVersion < version) throw tokenErrors.revoked()
      return identity
    },
  }
}
