import { Node } from '@fedhub/shared/entities'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from './fixtures.ts'
import { type AuthInstance, createSuite, type Suite, startAuth } from './harness.ts'
import { call, claimsOf } from './helpers.ts'

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

const nodeLogin = (apiKey: unknown) =>
  call(auth.app, 'POST', '/api/token/node', { body: { api_key: apiKey } })

describe('POST /api/token/node', () => {
  it('answers a pair with node_url and node claims', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const answer = await nodeLogin(node.apiKey)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual([
      'access_token',
      'node_url',
      'refresh_token',
      'refresh_url',
    ])
    expect(answer.body.node_url).toBe(`/api/node/${node.id}`)
    expect(answer.headers['jwt-token']).toBe(answer.body.access_token)
    const claims = claimsOf(answer.body.access_token)
    expect(claims).toMatchObject({ sub: node.id, client_type: 'node', roles: [], type: 'access' })
    expect(typeof claims.sub).toBe('number')
    expect(typeof claims.exp).toBe('number')
  })

  it('finds a node without bcrypt, by its digest', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const before = await auth.bcryptCalls()
    expect((await nodeLogin(node.apiKey)).status).toBe(200)
    expect((await auth.bcryptCalls()).compare).toBe(before.compare)
  })

  it('logs in a node adopted from upstream (bcrypt only) and records its digest', async () => {
    const node = await createNode(suite.orm, suite.dataDir, { legacy: true })
    expect((await nodeLogin(node.apiKey)).status).toBe(200)
    const row = await suite.orm.em.fork().findOneOrFail(Node, { id: node.id })
    expect(row.apiKeyDigest).not.toBeNull()
  })

  it('refuses an unknown key with 401 and a malformed one with 400', async () => {
    expect(await nodeLogin('0b0c4d39-1e5e-4b7e-9f70-1f1b0a7a1234')).toMatchObject({
      status: 401,
      body: { msg: 'Api key is not recognized!' },
    })
    expect(await nodeLogin('not-a-uuid')).toMatchObject({
      status: 400,
      body: {
        msg: 'Request body is incorrect',
        errors: { api_key: ['API key is not a valid UUID'] },
      },
    })
    expect((await nodeLogin(12)).status).toBe(400)
    expect((await call(auth.app, 'POST', '/api/token/node', { body: {} })).body).toMatchObject({
      errors: { api_key: ['Missing data for required field.'] },
    })
  })
})
