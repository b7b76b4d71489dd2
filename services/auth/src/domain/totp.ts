import { generateSecret, verify } from 'otplib'

/** A new base32 secret of 32 characters (20 random bytes), as upstream's column holds. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

// pyotp's `quote` leaves only letters, digits and `_.-~/` bare; encodeURIComponent also leaves
// `!'()*`, which authenticator apps would read the same but clients comparing URIs would not.
function quote(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** The otpauth URI an authenticator app scans, in upstream's form. */
export function provisioningUri(secret: string, username: string, serverName: string): string {
  const issuer = quote(`vantage6 (${serverName})`)
  return `otpauth://totp/${issuer}:${quote(username)}?secret=${secret}&issuer=${issuer}`
}

/**
 * Checks a 6-digit SHA-1 code against the previous, current and next 30 s step, as upstream
 * does. A client may send the code as a number, so it is compared as a zero-padded string.
 */
export async function checkTotp(
  secret: string,
  code: string | number,
  nowSeconds?: number,
): Promise<boolean> {
  const token =
    typeof code === 'number' ? String(code).padStart(6, '0') : code.normalize('NFKC').trim()
  if (!/^\d{6}$/.test(token)) return false
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: 30,
      ...(nowSeconds === undefined ? {} : { epoch: nowSeconds }),
    })
    return result.valid
  } catch {
    // A malformed stored secret (hand-edited row) fails the code rather than the request.
    return false
  }
}
