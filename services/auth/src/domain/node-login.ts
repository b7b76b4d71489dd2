import { timingSafeEqual } from 'node:crypto'
import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Node } from '@fedhub/shared/entities'
import { apiKeyDigest } from './api-key.ts'
import { authErrors } from './auth-errors.ts'
import type { BcryptQueue } from './bcrypt-queue.ts'

const equalText = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Finds the node an API key belongs to: one indexed lookup by digest, whatever the number of
 * nodes. Nodes adopted from an upstream database have only a bcrypt hash; they are checked one by
 * one until they have logged in once, when their digest is written.
 */
export async function findNodeByApiKey(
  em: FedhubEntityManager,
  apiKey: string,
  secret: Buffer,
  bcrypt: BcryptQueue,
): Promise<Node> {
  const digest = apiKeyDigest(apiKey, secret)
  const node = await em.findOne(Node, { apiKeyDigest: digest })
  if (node !== null && equalText(node.apiKeyDigest ?? '', digest)) return node
  const legacy = await em.find(
    Node,
    { apiKeyDigest: null, apiKey: { $ne: null } },
    { fields: ['id', 'apiKey'], orderBy: { id: 'asc' } },
  )
  for (const candidate of legacy) {
    if (await bcrypt.compare(apiKey, candidate.apiKey as string)) {
      await em.nativeUpdate(Node, { id: candidate.id }, { apiKeyDigest: digest })
      return em.findOneOrFail(Node, { id: candidate.id }, { refresh: true })
    }
  }
  throw authErrors.apiKeyUnknown()
}
