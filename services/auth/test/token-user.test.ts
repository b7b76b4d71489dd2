import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { type AuthInstance, createSuite, type Suite, startAuth } from './harness.ts'
import { call, claimsOf, headerOf, login } from './helpers.ts'

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

describe('POST /api/token/user', () => {
  it('answers a token pair, the links and the jwt-token header', async () => {
    const user = await createUser(suite.orm, { roles: ['Root', 'Viewer'] })
    const answer = await login(auth.app, user.username, user.password)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual([
      'access_token',
      'refresh_token',
      'refresh_url',
      'user_url',
    ])
    expect(answer.body.refresh_url).toBe('/api/token/refresh')
    expect(answer.body.user_url).toBe(`/api/user/${user.id}`)
    expect(answer.headers['jwt-token']).toBe(answer.body.access_token)
  })

  it('writes user claims as clients decode them: sub a number, exp present', async () => {
    const user = await createUser(suite.orm, { roles: ['Root'] })
    const { body } = await login(auth.app, user.username, user.password)
    const access = claimsOf(body.access_token)
    const refresh = claimsOf(body.refresh_token)
    expect(Object.keys(access).sort()).toEqual(
      [
        'client_type',
        'csrf',
        'exp',
        'fresh',
        'iat',
        'jti',
        'nbf',
        'roles',
        'sub',
        'type',
        'ver',
      ].sort(),
    )
    expect(access.sub).toBe(user.id)
    expect(typeof access.sub).toBe('number')
    expect(access).toMatchObject({
      fresh: false,
      type: 'access',
      client_type: 'user',
      roles: ['Root'],
    })
    expect(access.nbf).toBe(access.iat)
    expect(access.exp).toBe((access.iat as number) + auth.config.accessTokenSeconds)
    expect(typeof access.jti).toBe('string')
    expect(typeof access.csrf).toBe('string')
    expect(access.ver).toBe(0)
    expect(refresh).toMatchObject({ type: 'refresh', sub: user.id, client_type: 'user' })
    expect(refresh.exp).toBe((refresh.iat as number) + auth.config.refreshTokenSeconds)
    expect(headerOf(body.access_token)).toMatchObject({ alg: 'ES256', typ: 'JWT' })
  })

  it('answers 401 Failed to login for a wrong password and an unknown user alike', async () => {
    const user = await createUser(suite.orm)
    const wrong = await login(auth.app, user.username, 'nope')
    const unknown = await login(auth.app, 'nobody-here', 'nope')
    expect(wrong).toMatchObject({ status: 401, body: { msg: 'Failed to login' } })
    expect(unknown).toMatchObject({ status: 401, body: { msg: 'Failed to login' } })
  })

  it('takes a null mfa_code as absent', async () => {
    const user = await createUser(suite.orm)
    expect((await login(auth.app, user.username, user.password, { mfa_code: null })).status).toBe(
      200,
    )
  })

  it('validates the body with field errors', async () => {
    expect(
      await call(auth.app, 'POST', '/api/token/user', { body: { password: 'x' } }),
    ).toMatchObject({
      status: 400,
      body: {
        msg: 'Request body is incorrect',
        errors: { username: ['Missing data for required field.'] },
      },
    })
    const long = await call(auth.app, 'POST', '/api/token/user', {
      body: { username: 'a', password: 'x'.repeat(129) },
    })
    expect(long.status).toBe(400)
    expect(Object.keys(long.body.errors as object)).toEqual(['password'])
    const extra = await call(auth.app, 'POST', '/api/token/user', {
      body: { username: 'a', password: 'b', colour: 'red' },
    })
    expect(extra).toMatchObject({ status: 400, body: { errors: { colour: ['Unknown field.'] } } })
    const nulled = await call(auth.app, 'POST', '/api/token/user', { body: null })
    expect(nulled.status).toBe(400)
    const text = await auth.app.inject({
      method: 'POST',
      url: '/api/token/user',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    })
    expect(text.statusCode).toBe(400)
    expect(JSON.parse(text.body)).toHaveProperty('msg')
    const plain = await auth.app.inject({
      method: 'POST',
      url: '/api/token/user',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    })
    const empty = await auth.app.inject({
      method: 'POST',
      url: '/api/token/user',
      headers: { 'content-type': 'application/json' },
      payload: '',
    })
    expect(empty.statusCode).toBe(400)
    expect(JSON.parse(empty.body)).toHaveProperty('msg')
    // Only JSON bodies are parsed; anything else is a clear 415, as upstream answers.
    expect(plain.statusCode).toBe(415)
  })
})
