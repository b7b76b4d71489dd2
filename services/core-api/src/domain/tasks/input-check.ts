import { badRequest } from '../accounts/account-errors.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Whether a run input reads as plain text: decoded leniently as base64 (characters outside the
 * alphabet skipped, as the encrypted `key$iv$payload` form has `$` in it), the bytes are UTF-8.
 * Input that cannot be base64 at all is a 400 here; upstream answers 500.
 */
function isReadable(input: string): boolean {
  const data = input.replace(/[^A-Za-z0-9+/=]/g, '')
  if (data.replace(/=/g, '').length % 4 === 1) {
    throw badRequest('task.input_not_base64', 'Input is not valid base64-encoded text!')
  }
  try {
    utf8.decode(Buffer.from(data, 'base64'))
    return true
  } catch {
    return false
  }
}

/**
 * Section 6.4: an encrypted collaboration refuses plain input, an unencrypted one refuses input
 * that is not base64-encoded text. The server never decrypts anything.
 */
export function checkInputs(inputs: readonly string[], encrypted: boolean): void {
  for (const input of inputs) {
    const readable = isReadable(input)
    if (encrypted && readable) {
      throw badRequest(
        'task.input_not_encrypted',
        'Your collaboration requires encryption, but input is not encrypted! Please encrypt your input before sending it.',
      )
    }
    if (!encrypted && !readable) {
      throw badRequest(
        'task.input_encrypted',
        'Your collaboration does not use encryption, but the input could not be read. It should be a base64-encoded JSON string and must not be encrypted.',
      )
    }
  }
}
