import type { FedhubOrm } from '@fedhub/shared/data'
import { bearerToken, type TokenVerifier, type VerifiedIdentity } from '@fedhub/shared/tokens'
import { authErrors } from './auth-errors.ts'
import { isTaskOpen } from './task-status.ts'
import type { TokenVersions } from './token-versions.ts'

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
 * The checks every service should make after signature verification.
 * TODO(#4): move into the shared verifier once core-api and the gateway take their tokens
 * through it; until then they can import this guard from `@fedhub/auth`.
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
        if (!(await isTaskOpen(em, identity.subject.task_id))) {
          throw authErrors.containerTokenStale()
        }
        return identity
      }
      const version = await versions.current(identity.id)
      if (version === undefined) throw authErrors.identityMissing(identity.id)
      if (identity.tokenVersion < version) throw authErrors.tokenRevoked()
      return identity
    },
  }
}
