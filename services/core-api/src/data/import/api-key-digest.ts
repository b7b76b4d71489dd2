import { createHmac } from 'node:crypto'

/**
 * The keyed digest stored in `node.api_key_digest`: HMAC-SHA256 of the API key under a server
 * secret, as lower-case hex. A node login computes the same digest to find its row with one
 * indexed lookup, then verifies the bcrypt hash; the secret keeps a leaked table from serving as
 * a cheap oracle for guessed keys.
 *
 * @example
 * apiKeyDigest(secret, '123e4567-e89b-12d3-a456-426614174001') // '9f0c…' (64 hex digits)
 */
export function apiKeyDigest(secret: string | Uint8Array, apiKey: string): string {
  return createHmac('sha256', secret).update(apiKey, 'utf8').digest('hex')
}
