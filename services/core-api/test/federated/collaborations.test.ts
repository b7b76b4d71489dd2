import { EVENTS } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

describe('collaboration permissions', () => {
  // [who, collaboration, expected status]
  const matrix = () =>
    [
      ['root', f.w.collab.b, 200],
      ['viewer', f.w.collab.a, 200],
      ['viewer', f.w.collab.b, 401],
      ['plain', f.w.collab.a, 401],
      ['plainThree', f.w.collab.b, 401],
    ] as const

  it('GET /collaboration/<id> for users', async () => {
    for (const [who, collab, status] of matrix()) {
      const res = await f.call(await f.user(f.w.user[who]), 'GET', `/api/collaboration/${collab}`)
      expect([who, collab, res.statusCode]).toEqual([who, collab, status])
    }
  })

  it('nodes see the collaborations of their organization, containers only their own', async () => {
    const node = await f.node(f.w.nodes.twoA)
    expect((await f.call(node, 'GET', `/api/collaboration/${f.w.collab.b}`)).statusCode).toBe(200)
    const container = await f.h.containerToken({
      node_id: f.w.nodes.twoA,
      organization_id: f.w.org.two,
      collaboration_id: f.w.collab.a,
      task_id: 999999,
      image: 'x',
      databases: [],
    })
    // A container token for a task without open runs is refused outright.
    expect((await f.call(container, 'GET', `/api/collaboration/${f.w.collab.a}`)).statusCode).toBe(
      401,
    )
  })

  it('lists only collaborations of the organization without global view', async () => {
    const res = await f.call(
      await f.user(f.w.user.viewer),
      'GET',
      '/api/collaboration?include=organizations',
    )
    expect(res.statusCode).toBe(200)
    const names = res
      .json()
      .data.map((c: { name: string }) => c.name)
      .sort()
    expect(names).toEqual(['A', 'E'])
    expect(res.headers['total-count']).toBe('2')
    expect(res.json().data[0].organizations[0]).toHaveProperty('public_key')
    const other = await f.call(
      await f.user(f.w.user.viewer),
      'GET',
      `/api/collaboration?organization_id=${f.w.org.two}`,
    )
    expect(other.statusCode).toBe(401)
  })

  it('filters on encrypted', async () => {
    const res = await f.call(
      await f.user(f.w.user.root),
      'GET',
      '/api/collaboration?encrypted=True',
    )
    expect(res.json().data.map((c: { name: string }) => c.name)).toEqual(['E'])
  })
})

describe('collaboration writes', () => {
  it('creates (200, as upstream), announces it, and refuses unknown organizations', async () => {
    const root = await f.user(f.w.user.root)
    const since = await f.lastOutboxId()
    const res = await f.call(root, 'POST', '/api/collaboration', {
      name: 'C1',
      encrypted: false,
      organization_ids: [f.w.org.one, f.w.org.three],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      name: 'C1',
      encrypted: false,
      nodes: `/api/node?collaboration_id=${res.json().id}`,
      organizations: `/api/organization?collaboration_id=${res.json().id}`,
    })
    expect(await f.outbox(EVENTS.collaborationChanged, since)).toEqual([
      { collaboration_id: res.json().id, change: 'created' },
    ])
    const bad = await f.call(root, 'POST', '/api/collaboration', {
      name: 'C2',
      encrypted: true,
      organization_ids: [987654],
    })
    expect(bad.statusCode).toBe(400)
    const dup = await f.call(root, 'POST', '/api/collaboration', {
      name: 'C1',
      encrypted: true,
      organization_ids: [f.w.org.one],
    })
    expect(dup.json()).toEqual({ msg: "Collaboration name 'C1' already exists!" })
    const denied = await f.call(await f.user(f.w.user.colAdmin), 'POST', '/api/collaboration', {
      name: 'C3',
      encrypted: true,
      organization_ids: [f.w.org.one],
    })
    expect(denied.statusCode).toBe(401)
  })

  it('validates bodies with field errors', async () => {
    const res = await f.call(await f.user(f.w.user.root), 'POST', '/api/collaboration', {
      name: 'x',
      encrypted: 'yes',
      organization_ids: [],
      extra: 1,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().msg).toBe('Request body is incorrect')
  })

  it('collaboration admins edit their collaboration but not its members', async () => {
    const colAdmin = await f.user(f.w.user.colAdmin)
    const ok = await f.call(colAdmin, 'PATCH', `/api/collaboration/${f.w.collab.a}`, { name: 'A' })
    expect(ok.statusCode).toBe(200)
    const members = await f.call(colAdmin, 'PATCH', `/api/collaboration/${f.w.collab.a}`, {
      organization_ids: [f.w.org.one],
    })
    expect(members.json()).toEqual({
      msg: 'You lack the permission to change the organizations of a collaboration!',
    })
    const other = await f.call(colAdmin, 'PATCH', `/api/collaboration/${f.w.collab.b}`, {
      name: 'B',
    })
    expect(other.statusCode).toBe(401)
  })

  it('adds and removes organizations and nodes', async () => {
    const root = await f.user(f.w.user.root)
    const created = await f.call(root, 'POST', '/api/collaboration', {
      name: 'M',
      encrypted: false,
      organization_ids: [f.w.org.one],
    })
    const id = created.json().id
    const since = await f.lastOutboxId()
    const added = await f.call(root, 'POST', `/api/collaboration/${id}/organization`, {
      id: f.w.org.three,
    })
    expect(added.json().map((o: { id: number }) => o.id)).toEqual([f.w.org.one, f.w.org.three])
    const again = await f.call(root, 'POST', `/api/collaboration/${id}/organization`, {
      id: f.w.org.three,
    })
    expect(again.json()).toHaveLength(2)
    // node-one serves A already: moving it would cut A off.
    const busy = await f.call(root, 'POST', `/api/collaboration/${id}/node`, { id: f.w.nodes.oneA })
    expect(busy.statusCode).toBe(400)
    const notMember = await f.call(root, 'DELETE', `/api/collaboration/${id}/organization`, {
      id: f.w.org.two,
    })
    expect(notMember.statusCode).toBe(400)
    const removed = await f.call(root, 'DELETE', `/api/collaboration/${id}/organization`, {
      id: f.w.org.three,
    })
    expect(removed.json().map((o: { id: number }) => o.id)).toEqual([f.w.org.one])
    const changes = await f.outbox(EVENTS.collaborationChanged, since)
    expect(changes).toEqual([
      { collaboration_id: id, change: 'membership' },
      { collaboration_id: id, change: 'membership' },
    ])
  })

  it('moves a free node in and out', async () => {
    const root = await f.user(f.w.user.root)
    const created = await f.call(root, 'POST', '/api/collaboration', {
      name: 'N',
      encrypted: false,
      organization_ids: [f.w.org.alone],
    })
    const id = created.json().id
    const made = await f.call(root, 'POST', '/api/node', { collaboration_id: id })
    expect(made.statusCode).toBe(400) // root's organization is not a member
    const node = await f.call(root, 'POST', '/api/node', {
      collaboration_id: id,
      organization_id: f.w.org.alone,
    })
    expect(node.statusCode).toBe(201)
    const nodeId = node.json().id
    const out = await f.call(root, 'DELETE', `/api/collaboration/${id}/node`, { id: nodeId })
    expect(out.json()).toEqual({ msg: `node id=${nodeId} removed from collaboration id=${id}` })
    const back = await f.call(root, 'POST', `/api/collaboration/${id}/node`, { id: nodeId })
    expect(back.statusCode).toBe(201)
    expect(back.json()).toEqual([expect.objectContaining({ id: nodeId, name: node.json().name })])
  })
})
