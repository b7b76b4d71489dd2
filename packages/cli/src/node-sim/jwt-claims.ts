/** The claims a node reads from its own token, decoded without verification as upstream does. */
export interface OwnTokenClaims {
  /** The node id for node tokens; an object for container tokens. */
  sub: unknown
  /** Seconds since the epoch; absent in container tokens. */
  exp?: number
}

/** Decodes the payload of a compact JWT; throws when the text is not one. */
export function decodeClaims(token: string): OwnTokenClaims {
  const payload = token.split('.')[1]
  if (payload === undefined) throw new Error('not a JSON web token')
  const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (typeof claims !== 'object' || claims === null)
    throw new Error('token payload is not an object')
  return claims as OwnTokenClaims
}

/** The node id a node token speaks for; upstream keeps it as a JSON number in `sub`. */
export function nodeIdOf(token: string): number {
  const { sub } = decodeClaims(token)
  if (typeof sub !== 'number' || !Number.isInteger(sub)) {
    throw new Error('the token is not a node token: its subject is not a number')
  }
  return sub
}
