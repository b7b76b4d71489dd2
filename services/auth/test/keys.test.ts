import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { createSuite, type Suite, startAuth } from './harness.ts'
import { call, headerOf, login } from './helpers.ts'

let suite: Suite

beforeAll(async () => {
  suite = await createSuite()
})
afterAll(async () => {
  await suite?.close()
})

describe('signing keys', () => {
  it('are generated once into the data folder and kept across restarts', async () => {
    const user = await createUser(suite.orm)
    const before = await startAuth(suite)
    const jwksBefore = (await call(before.app, 'GET', '/.well-known/jwks.json')).body
    const refresh = (await login(before.app, user.username, user.password)).body
      .refresh_token as string
    await before.close()
    const after = await startAuth(suite)
    const jwksAfter = (await call(after.app, 'GET', '/.well-known/jwks.json')).body
    expect(jwksAfter).toEqual(jwksBefore)
    // A token of the previous process still refreshes.
    expect((await call(after.app, 'POST', '/api/token/refresh', { token: refresh })).status).toBe(
      200,
    )
    const keys = (jwksAfter as { keys: Array<{ kid: string; alg: string }> }).keys
    expect(headerOf(refresh)).toMatchObject({ kid: keys[0]?.kid, alg: 'ES256' })
    await after.close()
  })

  it('refuse to start a distributed auth whose key is not among the configured public keys', async () => {
    await expect(
      startAuth(suite, { fedhub: { public_keys: { keys: [{ kty: 'EC', kid: 'someone-else' }] } } }),
    ).rejects.toThrow(/not among fedhub.public_keys/)
  })
})
