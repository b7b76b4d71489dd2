import { createHmac, randomBytes } from 'node:crypto'
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Turns an API key in any form Python's `uuid.UUID` accepts into 32 hex digits, or undefined. */
export function uuidHex(value: string): string | undefined {
  let text = value.trim()
  if (text.toLowerCase().startsWith('urn:')) text = text.slice(4)
  if (text.toLowerCase().startsWith('uuid:')) text = text.slice(5)
  text = text.replace(/^\{+|\}+$/g, '').replaceAll('-', '')
  return /^[0-9a-fA-F]{32}$/.test(text) ? text.toLowerCase() : undefined
}

/**
 * The lookup digest of an API key: HMAC-SHA-256 under a server secret, so a stolen node table
 * cannot be searched offline the way a plain hash could. It is taken over the key exactly as the
 * node sends it, because upstream's bcrypt check matches that exact string too.
 */
export function apiKeyDigest(apiKey: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(apiKey, 'utf8').digest('base64url')
}

/**
 * Loads the digest secret from the data folder, or creates it when allowed (standalone). Every
 * replica of auth and core-api must share it: core-api writes the digest when it resets a key.
 */
export async function loadApiKeySecret(
  dataDir: string,
  options: { generate: boolean },
): Promise<Buffer> {
  const file = join(dataDir, 'api-key-secret')
  try {
    const text = (await readFile(file, 'utf8')).trim()
    const secret = Buffer.from(text, 'base64url')
    if (secret.length < 32) throw new Error(`${file}: the secret must hold at least 32 bytes`)
    return secret
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (!options.generate) {
    throw new Error(`no API-key digest secret at ${file}: create 32 random bytes (base64url) there`)
  }
  const secret = randomBytes(32)
  await mkdir(dataDir, { recursive: true })
  const temporary = `${file}.${randomBytes(6).toString('hex')}.new`
  await writeFile(temporary, `${secret.toString('base64url')}\n`, { mode: 0o600 })
  try {
    // As with the signing keys: of two processes starting together, the first link wins.
    await link(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await unlink(temporary)
  }
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url')
}
