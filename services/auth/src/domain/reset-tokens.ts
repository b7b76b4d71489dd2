import type { TokenVersions } from '@fedhub/shared/tokens'
import { tokenErrors } from '@fedhub/shared/tokens'
import type { KeyValueStore } from '@fedhub/shared/transports'
import { createLocalJWKSet, type JSONWebKeySet, errors as joseErrors, jwtVerify } from 'jose'
import { authErrors } from './auth-errors.ts'
import type { ResetClaims, ResetPurpose } from './token-issuer.ts'

export interface ResetTokens {
  /**
   * Checks a mailed reset token and uses it up: signature, expiry, purpose, the user's token
   * version, and that it was never used before. Answers the user id.
   */
  redeem(token: string, purpose: ResetPurpose): Promise<number>
}

/**
 * Mailed reset tokens are single-use: the first redemption claims the token id in the shared
 * store for the rest of its lifetime, so a second one fails on every replica. A password reset
 * also bumps the token version, which retires every other reset token of that user.
 */
export function createResetTokens(
  publicKeys: JSONWebKeySet,
  kv: KeyValueStore,
  versions: TokenVersions,
): ResetTokens {
  const keys = createLocalJWKSet(publicKeys)
  return {
    async redeem(token, purpose) {
      let claims: ResetClaims
      try {
        const { payload } = await jwtVerify(token, keys, { algorithms: ['ES256', 'EdDSA'] })
        claims = payload as unknown as ResetClaims
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw tokenErrors.expired()
        throw authErrors.invalidRecoveryToken()
      }
      const userId = Number(claims.sub?.id)
      if (
        claims.type !== 'reset' ||
        claims.purpose !== purpose ||
        !Number.isInteger(userId) ||
        typeof claims.jti !== 'string'
      ) {
        throw authErrors.invalidRecoveryToken()
      }
      const version = await versions.current(userId)
      if (version === undefined || claims.ver !== version) throw authErrors.invalidRecoveryToken()
      const lifetimeMs = Math.max(1000, claims.exp * 1000 - Date.now())
      const first = await kv.set(`auth:reset-used:${claims.jti}`, '1', {
        ttlMs: lifetimeMs,
        onlyIfAbsent: true,
      })
      if (!first) throw authErrors.invalidRecoveryToken()
      return userId
    },
  }
}
