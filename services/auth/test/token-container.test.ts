import {
  createIdentityGuard,
  createTokenVerifier,
  createTokenVersions,
} from '@fedhub/shared/tokens'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCaller } from '../../core-api/src/domain/permissions/index.ts'
import { createNode, createTask, createUser, setRunStatus } from './fixtures.ts'
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

const IMAGE = 'harbor2.vantage6.ai/demo/average'

async function nodeToken(apiKey: string): Promise<string> {
  const answer = await call(auth.app, 'POST', '/api/token/node', { body: { api_key: apiKey } })
  return answer.body.access_token as string
}

const ask = (token: string, body: unknown) =>
  call(auth.app, 'POST', '/api/token/container', { token, body })

describe('POST /api/token/container', () => {
  it('answers a token whose sub is an object and which has no exp', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const taskId = await createTask(suite.orm, node.collaborationId, ['pending', 'active'])
    const answer = await ask(await nodeToken(node.apiKey), { task_id: taskId, image: IMAGE })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['container_token'])
    const claims = claimsOf(answer.body.container_token)
    expect(claims).not.toHaveProperty('exp')
    expect(claims).toMatchObject({
      fresh: false,
      type: 'access',
      client_type: 'container',
      roles: [],
    })
    expect(claims.sub).toEqual({
      client_type: 'container',
      node_id: node.id,
      organization_id: node.organizationId,
      collaboration_id: node.collaborationId,
      study_id: null,
      store_id: null,
      task_id: taskId,
      image: IMAGE,
      databases: [{ query: 'select 1', sheet_name: null, label: 'default' }],
    })
  })

  it('makes upstream checks in upstream order', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const other = await createNode(suite.orm, suite.dataDir)
    const token = await nodeToken(node.apiKey)
    const open = await createTask(suite.orm, node.collaborationId, ['active'])
    const foreign = await createTask(suite.orm, other.collaborationId, ['active'])
    const done = await createTask(suite.orm, node.collaborationId, ['completed', 'completed'])
    const failed = await createTask(suite.orm, node.collaborationId, ['active', 'crashed'])
    const empty = await createTask(suite.orm, node.collaborationId, [])
    expect(await ask(token, { task_id: 999999, image: IMAGE })).toMatchObject({
      status: 400,
      body: { msg: 'Parent task does not exist!' },
    })
    expect(await ask(token, { task_id: open, image: 'other/image' })).toMatchObject({
      status: 401,
      body: { msg: 'Image and task do no match' },
    })
    expect(await ask(token, { task_id: foreign, image: IMAGE })).toMatchObject({
      status: 401,
      body: { msg: 'You are not within the collaboration' },
    })
    for (const task of [done, failed, empty]) {
      expect(await ask(token, { task_id: task, image: IMAGE })).toMatchObject({
        status: 400,
        body: { msg: 'Task is already finished!' },
      })
    }
    expect((await ask(token, { task_id: String(open), image: IMAGE })).status).toBe(200)
    expect((await ask(token, { task_id: 0, image: IMAGE })).status).toBe(400)
    expect((await ask(token, { task_id: open, image: '' })).status).toBe(400)
  })

  it('is for nodes only', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const user = await createUser(suite.orm)
    const task = await createTask(suite.orm, node.collaborationId, ['active'])
    const userToken = (await login(auth.app, user.username, user.password)).body
      .access_token as string
    expect(await ask(userToken, { task_id: task, image: IMAGE })).toMatchObject({
      status: 401,
      body: { msg: 'You lack the permission to do that!' },
    })
    expect(
      await call(auth.app, 'POST', '/api/token/container', {
        body: { task_id: task, image: IMAGE },
      }),
    ).toMatchObject({
      status: 401,
      body: { msg: 'Missing Authorization Header' },
    })
  })

  it('is refused by a verifier once its task has finished', async () => {
    const node = await createNode(suite.orm, suite.dataDir)
    const task = await createTask(suite.orm, node.collaborationId, ['active'])
    const token = (await ask(await nodeToken(node.apiKey), { task_id: task, image: IMAGE })).body
      .container_token as string
    // What another service does: verify with the public keys alone, then the shared checks.
    const jwks = await call(auth.app, 'GET', '/.well-known/jwks.json')
    const guard = createIdentityGuard(
      createTokenVerifier(jwks.body as never),
      createTokenVersions(async () => suite.orm, auth.context.kv, auth.context.bus),
      async () => suite.orm,
    )
    const identity = await guard.authenticate(`Bearer ${token}`)
    expect(identity.clientType).toBe('container')
    await setRunStatus(suite.orm, task, 'completed')
    await expect(guard.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ status: 401 })
    // core-api's own resolution of the caller refuses it as well.
    const verified = await createTokenVerifier(jwks.body as never).verify(token)
    await expect(loadCaller(suite.orm.em.fork(), verified)).rejects.toMatchObject({ status: 401 })
  })
})
