import { apiKeyDigest } from '@fedhub/shared/tokens'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

const digestOf = async (id: number) =>
  (
    await f.h.sql<{ api_key_digest: string }>('select api_key_digest from node where id = ?', [id])
  )[0]?.api_key_digest

/** A node of `organizationId` in a collaboration made for it alone; answers the node's id. */
async function nodeInNewCollaboration(
  root: string,
  name: string,
  organizationId: number,
): Promise<number> {
  const collab = await f.call(root, 'POST', '/api/collaboration', {
    name,
    encrypted: false,
    organization_ids: [organizationId],
  })
  const node = await f.call(root, 'POST', '/api/node', {
    collaboration_id: collab.json().id,
    organization_id: organizationId,
  })
  return node.json().id as number
}

describe('node API keys', () => {
  it('creation shows the key once and stores only its digest and hash', async () => {
    const root = await f.user(f.w.user.root)
    const res = await f.call(root, 'POST', '/api/node', {
      collaboration_id: f.w.collab.b,
      organization_id: f.w.org.alone,
    })
    expect(res.statusCode).toBe(400) // not a member of B
    const collab = await f.call(root, 'POST', '/api/collaboration', {
      name: 'K',
      encrypted: false,
      organization_ids: [f.w.org.one],
    })
    const node = await f.call(await f.user(f.w.user.orgAdmin), 'POST', '/api/node', {
      collaboration_id: collab.json().id,
    })
    expect(node.statusCode).toBe(201)
    const body = node.json()
    expect(body).toMatchObject({
      type: 'node',
      name: `one - K Node`,
      status: 'offline',
      config: [],
      organization: { id: f.w.org.one, link: `/api/organization/${f.w.org.one}` },
      collaboration: { id: collab.json().id },
    })
    expect(body.api_key).toMatch(/^[0-9a-f-]{36}$/)
    expect(await digestOf(body.id)).toBe(apiKeyDigest(body.api_key, f.w.secret))
    const again = await f.call(await f.user(f.w.user.orgAdmin), 'POST', '/api/node', {
      collaboration_id: collab.json().id,
    })
    expect(again.json().msg).toBe(
      `Organization id=${f.w.org.one} already has a node for collaboration id=${collab.json().id}`,
    )
    const shown = await f.call(root, 'GET', `/api/node/${body.id}`)
    expect(shown.json()).not.toHaveProperty('api_key')
  })

  it('POST /recover/node replaces the key', async () => {
    const before = await digestOf(f.w.nodes.twoA)
    const denied = await f.call(await f.user(f.w.user.orgAdmin), 'POST', '/api/recover/node', {
      id: f.w.nodes.twoA,
    })
    expect(denied.statusCode).toBe(401)
    const res = await f.call(await f.user(f.w.user.root), 'POST', '/api/recover/node', {
      id: f.w.nodes.twoA,
    })
    expect(res.statusCode).toBe(200)
    expect(await digestOf(f.w.nodes.twoA)).toBe(apiKeyDigest(res.json().api_key, f.w.secret))
    expect(await digestOf(f.w.nodes.twoA)).not.toBe(before)
    const missing = await f.call(await f.user(f.w.user.root), 'POST', '/api/recover/node', {
      id: 0,
    })
    expect(missing.statusCode).toBe(400)
  })

  it('POST /recover/node ends the sessions opened with the old key', async () => {
    const root = await f.user(f.w.user.root)
    const id = await nodeInNewCollaboration(root, 'leaked key', f.w.org.one)
    const session = await f.node(id)
    expect((await f.call(session, 'GET', `/api/node/${id}`)).statusCode).toBe(200)
    const reset = await f.call(root, 'POST', '/api/recover/node', { id })
    expect(reset.statusCode).toBe(200)
    const after = await f.call(session, 'GET', `/api/node/${id}`)
    expect(after.statusCode).toBe(401)
    expect(after.json().msg).toBe('Token has been revoked')
  })

  it('POST /recover/node takes the id as text, as the 4.x UI sends it', async () => {
    const root = await f.user(f.w.user.root)
    const res = await f.call(root, 'POST', '/api/recover/node', { id: String(f.w.nodes.twoA) })
    expect(res.statusCode).toBe(200)
    expect(await digestOf(f.w.nodes.twoA)).toBe(apiKeyDigest(res.json().api_key, f.w.secret))
    for (const id of ['x1', '0', '1.5', '']) {
      const bad = await f.call(root, 'POST', '/api/recover/node', { id })
      expect([id, bad.statusCode]).toEqual([id, 400])
    }
  })
})

describe('node permissions', () => {
  it('GET /node/<id> by user and node', async () => {
    const cases = [
      [await f.user(f.w.user.viewer), f.w.nodes.oneA, 200],
      [await f.user(f.w.user.viewer), f.w.nodes.twoA, 200], // collaboration A is the viewer's
      [await f.user(f.w.user.viewer), f.w.nodes.twoB, 401],
      [await f.user(f.w.user.plain), f.w.nodes.oneA, 401],
      [await f.node(f.w.nodes.oneA), f.w.nodes.oneE, 200], // same organization
      [await f.node(f.w.nodes.oneA), f.w.nodes.twoA, 401],
    ] as const
    for (const [token, id, status] of cases) {
      expect([id, (await f.call(token, 'GET', `/api/node/${id}`)).statusCode]).toEqual([id, status])
    }
  })

  it('lists nodes by scope; a node may not filter by collaboration', async () => {
    const viewer = await f.call(await f.user(f.w.user.viewer), 'GET', '/api/node?per_page=50')
    const names = viewer.json().data.map((n: { name: string }) => n.name)
    expect(names).toEqual(expect.arrayContaining(['node-one', 'two-a', 'one-e', 'two-e']))
    expect(names).not.toContain('two-b')
    const node = await f.node(f.w.nodes.oneA)
    const filtered = await f.call(node, 'GET', `/api/node?collaboration_id=${f.w.collab.a}`)
    expect(filtered.statusCode).toBe(401)
    const own = await f.call(node, 'GET', '/api/node')
    expect(
      own
        .json()
        .data.map((n: { name: string }) => n.name)
        .sort(),
    ).toEqual(expect.arrayContaining(['node-one', 'one-e']))
  })

  it('a node edits itself but cannot move', async () => {
    const node = await f.node(f.w.nodes.oneE)
    const ok = await f.call(node, 'PATCH', `/api/node/${f.w.nodes.oneE}`, { ip: '10.0.0.5' })
    expect(ok.json().ip).toBe('10.0.0.5')
    const moved = await f.call(node, 'PATCH', `/api/node/${f.w.nodes.oneE}`, {
      collaboration_id: f.w.collab.a,
    })
    expect(moved.json()).toEqual({ msg: 'Collaboration id cannot be updated!' })
    const cleared = await f.call(node, 'PATCH', `/api/node/${f.w.nodes.oneE}`, { clear_ip: true })
    expect(cleared.json().ip).toBeNull()
  })

  it('deletes a node', async () => {
    const root = await f.user(f.w.user.root)
    const id = await nodeInNewCollaboration(root, 'Del', f.w.org.three)
    const denied = await f.call(await f.user(f.w.user.orgAdmin), 'DELETE', `/api/node/${id}`)
    expect(denied.statusCode).toBe(401)
    const res = await f.call(root, 'DELETE', `/api/node/${id}`)
    expect(res.json()).toEqual({ msg: `Successfully deleted node id=${id}` })
    expect((await f.call(root, 'GET', `/api/node/${id}`)).statusCode).toBe(404)
  })
})

describe('unconfigured stores', () => {
  it('reports no blob store and answers 501 for blob and VPN endpoints', async () => {
    const node = await f.node(f.w.nodes.oneA)
    const status = await f.call(node, 'GET', '/api/blobstream/status')
    expect(status.json()).toEqual({ blob_store_enabled: false })
    const vpn = await f.call(node, 'GET', '/api/vpn')
    expect(vpn.statusCode).toBe(501)
    expect(vpn.json()).toEqual({ msg: 'This server does not support VPN' })
    const blob = await f.call(node, 'GET', '/api/blobstream/abc')
    expect(blob.statusCode).toBe(501)
  })
})
