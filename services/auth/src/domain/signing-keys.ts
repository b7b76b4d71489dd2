import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'

/** Algorithm of keys fedhub generates; verifiers also accept EdDSA keys an operator supplies. */
export const DEFAULT_ALGORITHM = 'ES256'

/** A private JWK as stored: `kid` and `alg` always present. */
export type PrivateJwk = JWK & { kid: string; alg: string; d: string }

/** The signing keys: the first signs new tokens, the others only verify older ones. */
export interface SigningKeySet {
  keys: PrivateJwk[]
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const

/** Generates a fresh signing key, named by its RFC 7638 thumbprint. */
export async function generateSigningKey(alg = DEFAULT_ALGORITHM): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true })
  const jwk = await exportJWK(privateKey)
  const kid = await calculateJwkThumbprint(jwk)
  return { ...jwk, kid, alg, use: 'sig' } as PrivateJwk
}

/** The public half of a key: what verifiers and the JWKS may see. */
export function publicJwk(key: PrivateJwk): JWK {
  const copy: JWK = { ...key }
  for (const member of PRIVATE_MEMBERS) delete copy[member]
  return copy
}

/** The public key set (JWKS) of a signing key set, current key first. */
export function publicKeySet(set: SigningKeySet): { keys: JWK[] } {
  return { keys: set.keys.map(publicJwk) }
}

/**
 * A new key set whose first key is new and which keeps up to `keep` older keys, so tokens signed
 * before the rotation verify until they expire.
 */
export async function rotateKeySet(
  current: SigningKeySet | undefined,
  keep = 2,
): Promise<SigningKeySet> {
  const fresh = await generateSigningKey()
  return { keys: [fresh, ...(current?.keys ?? []).slice(0, keep)] }
}

/** Checks a parsed key file; answers the problem, or undefined when it is usable. */
export function keySetProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object'
  const keys = (value as { keys?: unknown }).keys
  if (!Array.isArray(keys) || keys.length === 0) return 'holds no "keys" array'
  for (const key of keys) {
    const k = key as Record<string, unknown>
    if (typeof k.kid !== 'string' || typeof k.alg !== 'string' || typeof k.d !== 'string') {
      return 'every key needs "kid", "alg" and the private member "d"'
    }
    if (k.alg !== 'ES256' && k.alg !== 'EdDSA') return `key ${k.kid}: alg must be ES256 or EdDSA`
  }
  return undefined
}
