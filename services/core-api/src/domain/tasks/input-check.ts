import { badRequest } from '../accounts/account-errors.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })

const NOT_BASE64_DATA = /[^A-Za-z0-9+/]/g

function isBase64Data(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 43 || // +
    code === 47 // /
  )
}

/**
 * The bytes upstream's lenient base64 decoder reads: characters outside the alphabet are
 * skipped, and decoding ends at the first padding that closes a group of four. The encrypted
 * `key$iv$payload` form therefore reads as its first part only; concatenating all three parts
 * would make about one input in three look like broken base64. Input that ends inside a group
 * is a 400 here; upstream answers 500.
 */
function lenientBase64(input: string): Buffer {
  let group = 0
  let pads = 0
  let end = input.length
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i)
    if (code === 61 /* = */) {
      pads += 1
      if (group >= 2 && group + pads >= 4) {
        end = i
        group = 0
        break
      }
    } else if (isBase64Data(code)) {
      group = (group + 1) % 4
      pads = 0
    }
  }
  if (group !== 0) {
    throw badRequest('task.input_not_base64', 'Input is not valid base64-encoded text!')
  }
  return Buffer.from(input.slice(0, end).replace(NOT_BASE64_DATA, ''), 'base64')
}

/** Whether a run input reads as plain text: its leniently decoded base64 bytes are UTF-8. */
function isReadable(input: string): boolean {
  try {
    utf8.decode(lenientBase64(input))
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
