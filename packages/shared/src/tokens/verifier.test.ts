import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { isAppError } from '../errors/index.ts'
import { bearerToken, createTokenVerifier } from './verifier.ts'

interface SigningKey {
  kid: string
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']
  publicJwk: JWK
}

async function makeKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } }
}

const now = () => Math.floor(Date.now() / 1000)

function userClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  const iat = now()
  return {
    fresh: false,
    iat,
    nbf: iat,
    jti: 'c2a5d4f0-0000-4000-8000-000000000001',
    type: 'access',
    sub: 7,
    exp: iat + 3600,
    client_type: 'user',
    roles: ['Researcher'],
    ver: 2,
    ...overrides,
  } as unknown as JWTPayload
}

function sign(key: SigningKey, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .sign(key.privateKey)
}

async function failure(run: () => Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await run()
  } catch (error) {
    if (isAppError(error)) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('expected the verification to fail')
}

let current: SigningKey
let previous: SigningKey
let stranger: SigningKey
beforeAll(async () => {
  ;[current, previous, stranger] = await Promise.all([
    makeKey('current'),
    makeKey('previous'),
    makeKey('stranger'),
  ])
})

describe('createTokenVerifier', () => {
  it('verifies a user token with the public key set alone and keeps sub a number', async () => {
    const verifier = createTokenVerifier({ keys: [current.publicJwk] })
    const identity = await verifier.verify(await sign(current, userClaims()))
    expect(identity).toMatchObject({ clientType: 'user', id: 7, tokenVersion: 2 })
    expect(identity.claims.roles).toEqual(['Researcher'])
  })

  it('keeps accepting tokens signed by the previous key after a rotation', async () => {
    const verifier = createTokenVerifier({ keys: [current.publicJwk, previous.publicJwk] })
    const identity = await verifier.verify(
      await sign(previous, userClaims({ client_type: 'node', sub: 3, roles: [] })),
    )
    expect(identity).toMatchObject({ clientType: 'node', id: 3 })
  })

  it('reads the container subject object of a container token, which has no expiry', async () => {
    const verifier = createTokenVerifier({ keys: [current.publicJwk] })
    const subject = {
      client_type: 'container',
      node_id: 1,
      organization_id: 2,
      collaboration_id: 3,
      study_id: null,
      store_id: null,
      task_id: 44,
      image: 'harbor2.vantage6.ai/demo/average',
      databases: [{ label: 'default', type: 'csv' }],
    }
    const identity = await verifier.verify(
      await sign(
        current,
        userClaims({ client_type: 'container', sub: subject, roles: [], exp: undefined }),
      ),
    )
    expect(identity).toEqual({
      clientType: 'container',
      subject,
      claims: expect.objectContaining({ client_type: 'container' }),
    })
  })

  it('answers upstream statuses and messages for expired, foreign and refresh tokens', async () => {
    const verifier = createTokenVerifier({ keys: [current.publicJwk] })
    expect(
      await failure(async () =>
        verifier.verify(await sign(current, userClaims({ exp: now() - 5 }))),
      ),
    ).toEqual({ status: 401, message: 'Token has expired' })
    expect(await failure(async () => verifier.verify(await sign(stranger, userClaims())))).toEqual({
      status: 422,
      message: 'Signature verification failed',
    })
    expect(
      await failure(async () =>
        verifier.verify(await sign(current, userClaims({ type: 'refresh' }))),
      ),
    ).toEqual({ status: 422, message: 'Only non-refresh tokens are allowed' })
    expect(
      await verifier.verify(await sign(current, userClaims({ type: 'refresh' })), 'refresh'),
    ).toMatchObject({ id: 7 })
    expect(await failure(() => verifier.verify('not-a-token'))).toMatchObject({ status: 422 })
  })

  it('refuses HS256 tokens such as those of an upstream server', async () => {
    const verifier = createTokenVerifier({ keys: [current.publicJwk] })
    const upstream = await new SignJWT(userClaims())
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('upstream-secret'))
    expect(await failure(() => verifier.verify(upstream))).toEqual({
      status: 422,
      message: 'Signature verification failed',
    })
  })
})

describe('bearerToken', () => {
  it('takes the token and answers upstream errors for bad headers', async () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi')
    expect(await failure(async () => bearerToken(undefined))).toEqual({
      status: 401,
      message: 'Missing Authorization Header',
    })
    expect(await failure(async () => bearerToken('Token abc'))).toMatchObject({ status: 401 })
    expect(await failure(async () => bearerToken('Bearer a b'))).toMatchObject({ status: 422 })
    expect(await failure(async () => bearerToken('Bearer'))).toMatchObject({ status: 422 })
  })
})
