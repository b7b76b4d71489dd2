import {
  createLocalJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from 'jose'
import { AppError } from '../errors/index.ts'
import type { ContainerSubject, TokenClaims, VerifiedIdentity } from './claims.ts'

/** Algorithms fedhub signs with; anything else (HS256 upstream tokens included) is refused. */
export const SIGNING_ALGORITHMS = ['ES256', 'EdDSA'] as const

// Statuses and texts follow upstream's Flask-JWT-Extended answers, which clients have seen.
const tokenError = (code: string, message: string, status: 401 | 422) =>
  new AppError(`auth.${code}`, message, { status })

export const tokenErrors = {
  missingHeader: () => tokenError('missing_header', 'Missing Authorization Header', 401),
  missingBearer: () =>
    tokenError(
      'missing_bearer',
      "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'",
      401,
    ),
  badHeader: () =>
    tokenError(
      'bad_header',
      "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'",
      422,
    ),
  expired: () => tokenError('token_expired', 'Token has expired', 401),
  badSignature: () => tokenError('token_signature', 'Signature verification failed', 422),
  malformed: (detail: string) => tokenError('token_malformed', detail, 422),
  identityMissing: (sub: number) =>
    tokenError('identity_missing', `Error loading the user ${sub}`, 401),
  revoked: () => tokenError('token_revoked', 'Token has been revoked', 401),
  containerTaskFinished: () =>
    tokenError('container_token_stale', 'The task of this container token has finished', 401),
  wrongType: (expected: 'access' | 'refresh') =>
    tokenError(
      'token_type',
      expected === 'access'
        ? 'Only non-refresh tokens are allowed'
        : 'Only refresh tokens are allowed',
      422,
    ),
} as const

/**
 * Takes the token from an `Authorization` header value, with upstream's answers for each way
 * the header can be wrong.
 */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header === '') throw tokenErrors.missingHeader()
  const parts = header.trim().split(/\s+/)
  if (parts[0] !== 'Bearer') throw tokenErrors.missingBearer()
  if (parts.length !== 2) throw tokenErrors.badHeader()
  return parts[1] as string
}

function isContainerSubject(value: unknown): value is ContainerSubject {
  if (typeof value !== 'object' || value === null) return false
  const subject = value as Record<string, unknown>
  return (
    subject.client_type === 'container' &&
    Number.isInteger(subject.node_id) &&
    Number.isInteger(subject.task_id)
  )
}

function toIdentity(payload: JWTPayload): VerifiedIdentity {
  const claims = payload as unknown as TokenClaims
  if (claims.client_type === 'container') {
    if (!isContainerSubject(claims.sub)) throw tokenErrors.malformed('Invalid container subject')
    return { clientType: 'container', subject: claims.sub, claims }
  }
  if (
    (claims.client_type !== 'user' && claims.client_type !== 'node') ||
    typeof claims.sub !== 'number' ||
    !Number.isInteger(claims.sub)
  ) {
    throw tokenErrors.malformed('Invalid token subject')
  }
  return {
    clientType: claims.client_type,
    id: claims.sub,
    tokenVersion: typeof claims.ver === 'number' ? claims.ver : 0,
    claims,
  }
}

export interface TokenVerifier {
  /** Verifies signature, `exp`, `nbf` and the token type; answers the identity it speaks for. */
  verify(token: string, expected?: 'access' | 'refresh'): Promise<VerifiedIdentity>
}

/**
 * Verifies tokens with a public key set from configuration alone: no call to auth at run time.
 * Several keys may be present, so tokens signed before a key rotation keep working.
 *
 * @example
 * const verifier = createTokenVerifier(config.publicKeys)
 * const identity = await verifier.verify(bearerToken(request.headers.authorization))
 */
export function createTokenVerifier(keySet: JSONWebKeySet): TokenVerifier {
  const keys = createLocalJWKSet(keySet)
  return {
    async verify(token, expected = 'access') {
      let payload: JWTPayload
      try {
        ;({ payload } = await jwtVerify(token, keys, {
          algorithms: [...SIGNING_ALGORITHMS],
          clockTolerance: 0,
        }))
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw tokenErrors.expired()
        if (
          error instanceof joseErrors.JWSSignatureVerificationFailed ||
          error instanceof joseErrors.JWKSNoMatchingKey ||
          error instanceof joseErrors.JOSEAlgNotAllowed
        ) {
          throw tokenErrors.badSignature()
        }
        throw tokenErrors.malformed(error instanceof Error ? error.message : 'Invalid token')
      }
      const identity = toIdentity(payload)
      if (identity.claims.type !== expected) throw tokenErrors.wrongType(expected)
      return identity
    },
  }
}
