import { randomUUID } from 'node:crypto'
import type { Node } from '@fedhub/shared/entities'
import { apiKeyDigest } from '@fedhub/shared/tokens'
import bcrypt from 'bcrypt'

/** How node API keys are stored: a digest for auth's lookup and upstream's bcrypt hash. */
export interface NodeKeyStore {
  /** The shared digest secret (loaded once, on first use). */
  secret(): Promise<Uint8Array>
  bcryptRounds: number
}

/**
 * Gives the node a new random API key and returns it; only the digest and hash are stored. The
 * bcrypt hash is kept so a database handed back to an upstream server still logs nodes in.
 */
export async function issueApiKey(node: Node, keys: NodeKeyStore): Promise<string> {
  const apiKey = randomUUID()
  const [secret, hash] = await Promise.all([keys.secret(), bcrypt.hash(apiKey, keys.bcryptRounds)])
  node.apiKey = hash
  node.apiKeyDigest = apiKeyDigest(apiKey, secret)
  return apiKey
}
