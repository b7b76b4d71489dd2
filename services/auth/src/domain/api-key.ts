/** Turns an API key in any form Python's `uuid.UUID` accepts into 32 hex digits, or undefined. */
export function uuidHex(value: string): string | undefined {
  let text = value.trim()
  if (text.toLowerCase().startsWith('urn:')) text = text.slice(4)
  if (text.toLowerCase().startsWith('uuid:')) text = text.slice(5)
  text = text.replace(/^\{+|\}+$/g, '').replaceAll('-', '')
  return /^[0-9a-fA-F]{32}$/.test(text) ? text.toLowerCase() : undefined
}

// The digest and its secret are shared with core-api and the importer, which write digests.
export { apiKeyDigest, loadApiKeySecret } from '@fedhub/shared/tokens'
