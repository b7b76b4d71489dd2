// Checks a key Secret's files as auth and the verifiers use them: auth's own validation of the
// private set, the public set being the public half of it, and a token signed with the current
// key verifying against the public set. Arguments: signing-keys.json, public-keys.json,
// api-key-secret.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { keySetProblem, publicKeySet } from '../../../../services/auth/src/domain/signing-keys.ts'

const [signingFile, publicFile, secretFile] = process.argv.slice(2)
const signing = JSON.parse(readFileSync(signingFile, 'utf8'))
const published = JSON.parse(readFileSync(publicFile, 'utf8'))
const current = signing.keys[0]

// The public point written beside the private scalar must be the one the scalar gives.
const derived = createPublicKey(createPrivateKey({ key: current, format: 'jwk' })).export({
  format: 'jwk',
})
const message = Buffer.from('fedhub deploy check')
const signature = sign('sha256', message, {
  key: createPrivateKey({ key: current, format: 'jwk' }),
  dsaEncoding: 'ieee-p1363',
})
const verifier = published.keys.find((key) => key.kid === current.kid)
const verifies =
  verifier !== undefined &&
  verify(
    'sha256',
    message,
    { key: createPublicKey({ key: verifier, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    signature,
  )

const out = {
  problem: keySetProblem(signing) ?? null,
  publicIsDerived: derived.x === current.x && derived.y === current.y,
  publicSetMatches: JSON.stringify(publicKeySet(signing)) === JSON.stringify(published),
  verifies,
  privateInPublic: published.keys.some((key) => 'd' in key),
  apiKeySecretBytes: Buffer.from(readFileSync(secretFile, 'utf8').trim(), 'base64url').length,
}
process.stdout.write(`${JSON.stringify(out)}\n`)
