import { createHmac, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** File in the data folder (a mounted secret in Kubernetes) that holds the digest secret. */
export const API_KEY_SECRET_FILE = 'api-key-secret'

/**
 * The digest stored in `node.api_key_digest`: HMAC-SHA-256 of the API key, exactly as the node
 * sends it, under a server secret, in lower-case hex. Node login finds its row with one indexed
 * lookup instead of a bcrypt check per node, and the secret keeps a leaked table from being
 * searched offline.
 *
 * @example
 * apiKeyDigest('123e4567-e89b-12d3-a456-426614174001', secret) // 64 hex digits
 */
export function apiKeyDigest(apiKey: string, secret: Uint8Array): string {
  return createHmac('sha256', secret).update(apiKey, 'utf8').digest('hex')
}

/**
 * Loads the digest secret from the data folder, or creates it when allowed (standalone). Every
 * replica of auth and core-api must share it: auth reads digests, core-api and the importer
 * write them.
 */
export async function loadApiKeySecret(
  dataDir: string,
  options: { generate: boolean },
): Promise<Buffer> {
  const file = join(dataDir, API_KEY_SECRET_FILE)
  try {
    return parseSecret(await readFile(file, 'utf8'), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (!options.generate) {
    throw new Error(
      `no API-key digest secret at ${file}: put 32 random bytes there, base64url encoded`,
    )
  }
  await mkdir(dataDir, { recursive: true })
  await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, {
    mode: 0o600,
    flag: 'wx',
  }).catch((error: NodeJS.ErrnoException) => {
    // Another process made it first; theirs is the one to use.
    if (error.code !== 'EEXIST') throw error
  })
  return parseSecret(await readFile(file, 'utf8'), file)
}

function parseSecret(text: string, file: string): Buffer {
  const secret = Buffer.from(text.trim(), 'base64url')
  if (secret.length < 32) throw new Error(`${file}: the secret must hold at least 32 bytes`)
  return secret
}
