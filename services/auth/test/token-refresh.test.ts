import {
  createIdentityGuard,
  createTokenVerifier,
  createTokenVersions,
} from '@fedhub/shared/tokens'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCaller } from '../../core-api/src/domain/permissions/index.ts'
import { loadSigningKeys } from '../src/domain/key-store.ts'
import { createTokenIssuer } from '../src/domain/token-issuer.ts'
import { createNode, createUser } from './fixtures.ts'
import { type AuthInstance, createSuite, type Suite, startAuth } from './harness.ts'
import { call, claimsOf, login } from './helpers.ts'

let suite: Suite
let auth: AuthInstance

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite)
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

describe('POST /api/token/refresh', () => {
  it('issues a new pair for a user and for a node', async () => {
    const user = await createUser(suite.orm, { roles: ['Researcher'] })
    const pair = (await login(auth.app, user.username, user.password)).body
    const answer = await call(auth.app, 'POST', '/api/token/refresh', {
      token: pair.refresh_token as string,
    })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual([
      'access_token',
      'refresh_token',
      'refresh_url',
      'user_url',
    ])
    expect(answer.headers).not.toHaveProperty('jwt-token')
    expect(claimsOf(answer.body.access_token)).toMatchObject({
      sub: user.id,
      roles: ['Researcher'],
    })
    const node = await createNode(suite.orm, suite.dataDir)
    const nodePair = (
      await call(auth.app, 'POST', '/api/token/node', { body: { api_key: node.apiKey } })
    ).body
    const nodeAnswer = await call(auth.app, 'POST', '/api/token/refresh', {
      token: nodePair.refresh_token as string,
    })
    expect(nodeAnswer.body.node_url).toBe(`/api/node/${node.id}`)
  })

  it('answers the token errors clients know', async () => {
    const user = await createUser(suite.orm)
    const pair = (await login(auth.app, user.username, user.password)).body
    const refresh = (headers: Record<string, string>) =>
      call(auth.app, 'POST', '/api/token/refresh', { headers })
    expect(await refresh({})).toMatchObject({
      status: 401,
      body: { msg: 'Missing Authorization Header' },
    })
    expect(await refresh({ authorization: 'Token abc' })).toMatchObject({
      status: 401,
      body: {
        msg: "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'",
      },
    })
    expect(await refresh({ authorization: 'Bearer a b' })).toMatchObject({
      status: 422,
      body: { msg: "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'" },
    })
    expect(await refresh({ authorization: `Bearer ${pair.access_token}` })).toMatchObject({
      status: 422,
      body: { msg: 'Only refresh tokens are allowed' },
    })
    expect((await refresh({ authorization: 'Bearer abc' })).status).toBe(422)
    const [h, p] = String(pair.refresh_token).split('.')
    expect(await refresh({ authorization: `Bearer ${h}.${p}.AAAA` })).toMatchObject({ status: 422 })
  })
})

describe('identity checks after the signature', () => {
  it('answer 401 Token has expired for an expired token', async () => {
    const user = await createUser(suite.orm)
    const keys = await loadSigningKeys(suite.dataDir, { generate: false })
    const past = await createTokenIssuer(keys, {
      accessSeconds: 1800,
      refreshSeconds: 3600,
      resetSeconds: 60,
      now: () => Math.floor(Date.now() / 1000) - 7200,
    })
    const { refresh } = await past.issuePair({
      clientType: 'user',
      id: user.id,
      roles: [],
      tokenVersion: 0,
    })
    expect(await call(auth.app, 'POST', '/api/token/refresh', { token: refresh })).toMatchObject({
      status: 401,
      body: { msg: 'Token has expired' },
    })
  })

  it('answer 401 Error loading the user for a deleted identity', async () => {
    const keys = await loadSigningKeys(suite.dataDir, { generate: false })
    const issuer = await createTokenIssuer(keys, {
      accessSeconds: 1800,
      refreshSeconds: 3600,
      resetSeconds: 60,
    })
    const { refresh } = await issuer.issuePair({
      clientType: 'user',
      id: 987654,
      roles: [],
      tokenVersion: 0,
    })
    expect(await call(auth.app, 'POST', '/api/token/refresh', { token: refresh })).toMatchObject({
      status: 401,
      body: { msg: 'Error loading the user 987654' },
    })
  })
})

describe('POST /api/token/user/validate', () => {
  it('answers who the user is', async () => {
    const user = await createUser(suite.orm)
    const pair = (await login(auth.app, user.username, user.password)).body
    const answer = await call(auth.app, 'POST', '/api/token/user/validate', {
      token: pair.access_token as string,
    })
    expect(answer).toEqual({
      status: 200,
      headers: expect.anything(),
      body: {
        msg: 'Token is valid',
        user_id: user.id,
        username: user.username,
        email: user.email,
        organization_id: user.organizationId,
      },
    })
    const node = await createNode(suite.orm, suite.dataDir)
    const nodeToken = (
      await call(auth.app, 'POST', '/api/token/node', { body: { api_key: node.apiKey } })
    ).body.access_token as string
    expect(
      (await call(auth.app, 'POST', '/api/token/user/validate', { token: nodeToken })).status,
    ).toBe(401)
  })
})

describe('tokens and the public key set', () => {
  it('verify with the public JWKS alone, which holds no private member', async () => {
    const jwks = (await call(auth.app, 'GET', '/.well-known/jwks.json')).body as {
      keys: Array<Record<string, unknown>>
    }
    expect(jwks.keys.length).toBeGreaterThan(0)
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d')
    const user = await createUser(suite.orm)
    const token = (await login(auth.app, user.username, user.password)).body.access_token as string
    const identity = await createTokenVerifier(jwks as never).verify(token)
    expect(identity).toMatchObject({ clientType: 'user', id: user.id })
  })

  it('are refused by another service after a password change', async () => {
    const user = await createUser(suite.orm)
    const token = (await login(auth.app, user.username, user.password)).body.access_token as string
    const jwks = (await call(auth.app, 'GET', '/.well-known/jwks.json')).body
    // The guard another service builds; its version cache is the shared Redis.
    const guard = createIdentityGuard(
      createTokenVerifier(jwks as never),
      createTokenVersions(async () => suite.orm, auth.context.kv, auth.context.bus),
      async () => suite.orm,
    )
    await expect(guard.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ id: user.id })
    const change = await call(auth.app, 'PATCH', '/api/password/change', {
      token,
      body: { current_password: user.password, new_password: 'Brand-New-Pass1!' },
    })
    expect(change).toMatchObject({
      status: 200,
      body: { msg: 'The password has been changed successfully!' },
    })
    await expect(guard.authenticate(`Bearer ${token}`)).rejects.toMatchObject({
      status: 401,
      message: 'Token has been revoked',
    })
    // core-api's own resolution of the caller refuses it as well.
    const identity = await createTokenVerifier(jwks as never).verify(token)
    await expect(loadCaller(suite.orm.em.fork(), identity)).rejects.toMatchObject({
      status: 401,
      message: 'Token has been revoked',
    })
    const fresh = (await login(auth.app, user.username, 'Brand-New-Pass1!')).body
      .access_token as string
    expect(claimsOf(fresh).ver).toBe(1)
    await expect(guard.authenticate(`Bearer ${fresh}`)).resolves.toMatchObject({ id: user.id })
  })
})
