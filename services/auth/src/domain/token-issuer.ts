import { randomUUID } from 'node:crypto'
import type { ContainerSubject, TokenClaims } from '@fedhub/shared/tokens'
import { CompactSign, importJWK } from 'jose'
import type { PrivateJwk, SigningKeySet } from './signing-keys.ts'

/** Claims of a mailed reset token; `type: 'reset'` keeps every bearer-protected route shut. */
export interface ResetClaims {
  type: 'reset'
  purpose: ResetPurpose
  /** Upstream's reset subject: the user id as a string inside an object. */
  sub: { id: string }
  iat: number
  nbf: number
  exp: number
  jti: string
  ver: number
}

export type ResetPurpose = 'password' | 'two_factor'

export interface IdentityTokenInput {
  clientType: 'user' | 'node'
  id: number
  roles: string[]
  tokenVersion: number
}

export interface TokenIssuer {
  /** An access and a refresh token with the same claims but `type`. */
  issuePair(input: IdentityTokenInput): Promise<{ access: string; refresh: string }>
  /** A container token: `sub` is an object and there is no `exp`, as algorithm runs expect. */
  issueContainer(subject: ContainerSubject): Promise<string>
  issueReset(userId: number, purpose: ResetPurpose, tokenVersion: number): Promise<string>
}

export interface TokenIssuerOptions {
  accessSeconds: number
  refreshSeconds: number
  resetSeconds: number
  /** Test hook for a frozen clock; seconds since the epoch. */
  now?: () => number
}

const encoder = new TextEncoder()

/**
 * Signs tokens with the current key of the set. The payload is built and serialised here rather
 * than through jose's JWT builder, because `sub` must stay a JSON number or object: clients
 * decode it without verifying and use it as an id.
 */
export async function createTokenIssuer(
  keys: SigningKeySet,
  options: TokenIssuerOptions,
): Promise<TokenIssuer> {
  const current = keys.keys[0] as PrivateJwk
  const key = await importJWK(current, current.alg)
  const header = { alg: current.alg, kid: current.kid, typ: 'JWT' }
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  const sign = (payload: object) =>
    new CompactSign(encoder.encode(JSON.stringify(payload))).setProtectedHeader(header).sign(key)

  const claims = (
    type: 'access' | 'refresh',
    input: IdentityTokenInput,
    iat: number,
  ): TokenClaims => ({
    fresh: false,
    iat,
    jti: randomUUID(),
    type,
    sub: input.id,
    nbf: iat,
    csrf: randomUUID(),
    exp: iat + (type === 'access' ? options.accessSeconds : options.refreshSeconds),
    client_type: input.clientType,
    roles: input.roles,
    ver: input.tokenVersion,
  })

  return {
    async issuePair(input) {
      const iat = now()
      const [access, refresh] = await Promise.all([
        sign(claims('access', input, iat)),
        sign(claims('refresh', input, iat)),
      ])
      return { access, refresh }
    },
    issueContainer(subject) {
      const iat = now()
      const payload: TokenClaims = {
        fresh: false,
        iat,
        jti: randomUUID(),
        type: 'access',
        sub: subject,
        nbf: iat,
        csrf: randomUUID(),
        client_type: 'container',
        roles: [],
      }
      return sign(payload)
    },
    issueReset(userId, purpose, tokenVersion) {
      const iat = now()
      const payload: ResetClaims = {
        type: 'reset',
        purpose,
        sub: { id: String(userId) },
        iat,
        nbf: iat,
        exp: iat + options.resetSeconds,
        jti: randomUUID(),
        ver: tokenVersion,
      }
      return sign(payload)
    },
  }
}
