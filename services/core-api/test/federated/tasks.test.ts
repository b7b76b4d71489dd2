import { EVENTS } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain, sealed } from './fed-world.ts'
import { containerFor, postTask, userWithRole } from './task-helpers.ts'

let f: Fed
let researcher: string
let researcherTwo: string
beforeAll(async () => {
  f = await createFed()
  researcher = await f.user(f.w.user.researcher)
  researcherTwo = await f.user(await userWithRole(f, 'research2', f.w.org.two, 'Researcher'))
})
afterAll(() => f.close())

describe('task creation', () => {
  it('creates one run per organization in request order, atomically announced', async () => {
    const since = await f.lastOutboxId()
    const res = await postTask(f, researcher)
    expect(res.statusCode).toBe(201)
    const task = res.json()
    expect(task).toMatchObject({
      name: 'avg',
      description: '',
      status: 'pending',
      finished_at: null,
      parent: null,
      init_org: { id: f.w.org.one },
      init_user: { id: f.w.user.researcher },
      runs: `/api/run?task_id=${task.id}`,
      results: `/api/result?task_id=${task.id}`,
      databases: [{ label: 'default', parameters: '{"query":"select 1"}' }],
    })
    expect(task.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/)
    const runs = await f.h.sql<{ organization_id: number; input: string; status: string }>(
      'select organization_id, input, status from run where task_id = ? order by id',
      [task.id],
    )
    expect(runs).toEqual([
      {
        organization_id: f.w.org.two,
        input: plain({ method: 'partial', org: 2 }),
        status: 'pending',
      },
      {
        organization_id: f.w.org.one,
        input: plain({ method: 'partial', org: 1 }),
        status: 'pending',
      },
    ])
    expect(await f.outbox(EVENTS.taskCreated, since)).toEqual([
      { id: task.id, parent_id: null, collaboration_id: f.w.collab.a },
    ])
  })

  it('checks inputs against the collaboration’s encryption (section 6.4)', async () => {
    const toE = (input: string) =>
      postTask(f, researcher, {
        collaboration_id: f.w.encrypted,
        organizations: [{ id: f.w.org.one, input }],
      })
    const plainInE = await toE(plain({ method: 'x' }))
    expect(plainInE.json()).toEqual({
      msg: 'Your collaboration requires encryption, but input is not encrypted! Please encrypt your input before sending it.',
    })
    expect((await toE('')).statusCode).toBe(400)
    expect((await toE(sealed())).statusCode).toBe(201)
    // The Python client's form: a padded RSA-4096 key part, a padded IV, then the payload; every
    // payload length must pass, whatever the three parts' lengths add up to.
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => 0x80 + (i % 64)))
    for (const size of [45, 46, 47, 48]) {
      const input = [bytes(512), bytes(16), bytes(size)].map((b) => b.toString('base64')).join('$')
      expect((await toE(input)).statusCode, `payload of ${size} bytes`).toBe(201)
    }
    const sealedInA = await postTask(f, researcher, {
      organizations: [{ id: f.w.org.one, input: sealed() }],
    })
    expect(sealedInA.statusCode).toBe(400)
    expect(sealedInA.json().msg).toMatch(/base64-encoded JSON string/)
    const broken = await postTask(f, researcher, {
      organizations: [{ id: f.w.org.one, input: 'abcde' }],
    })
    expect(broken.statusCode).toBe(400)
    const missing = await postTask(f, researcher, { organizations: [{ id: f.w.org.one }] })
    expect(missing.statusCode).toBe(400)
  })

  it('refuses outsiders, organizations without nodes and callers without the rule', async () => {
    const outsider = await postTask(f, researcher, {
      organizations: [{ id: f.w.org.three, input: plain({}) }],
    })
    expect(outsider.statusCode).toBe(400)
    const inB = await postTask(f, researcher, {
      collaboration_id: f.w.collab.b,
      organizations: [{ id: f.w.org.two, input: plain({}) }],
    })
    expect(inB.json()).toEqual({
      msg: 'You can only create tasks for collaborations you are participating in!',
    })
    const viewer = await postTask(f, await f.user(f.w.user.viewer))
    expect(viewer.statusCode).toBe(401)
    const nodeToken = await postTask(f, await f.node(f.w.nodes.oneA))
    expect(nodeToken.statusCode).toBe(401)
    const root = await f.user(f.w.user.root)
    const lonely = await f.call(root, 'POST', '/api/collaboration', {
      name: 'Lonely',
      encrypted: false,
      organization_ids: [f.w.org.one, f.w.org.alone],
    })
    const noNode = await postTask(f, root, {
      collaboration_id: lonely.json().id,
      organizations: [{ id: f.w.org.alone, input: plain({}) }],
    })
    expect(noNode.json()).toEqual({
      msg: `Cannot create this task because there are no nodes registered for the following organization(s): ${f.w.org.alone}.`,
    })
    const unknown = await postTask(f, root, { collaboration_id: 999999 })
    expect(unknown.statusCode).toBe(404)
    const noTarget = await f.call(root, 'POST', '/api/task', {
      image: 'x',
      organizations: [{ id: 1, input: '' }],
    })
    expect(noTarget.statusCode).toBe(400)
  })

  it('gives 20 concurrent tasks 20 different job ids', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => postTask(f, researcher)))
    expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(201))
    const jobs = new Set(all.map((r) => r.json().job_id))
    expect(jobs.size).toBe(20)
  })

  it('lets a container create a sub-task in its own job, with its parent’s image', async () => {
    const parent = (await postTask(f, researcher)).json()
    const token = await containerFor(f, parent, f.w.nodes.twoA, f.w.org.two, f.w.collab.a)
    const since = await f.lastOutboxId()
    const child = await f.call(token, 'POST', '/api/task', {
      image: 'harbor.example/avg:1',
      collaboration_id: f.w.collab.a,
      organizations: [{ id: f.w.org.one, input: plain({ method: 'sub' }) }],
    })
    expect(child.statusCode).toBe(201)
    expect(child.json()).toMatchObject({
      job_id: parent.job_id,
      image: parent.image,
      parent: { id: parent.id },
      init_org: { id: f.w.org.two },
      init_user: { id: f.w.user.researcher },
    })
    expect(await f.outbox(EVENTS.taskCreated, since)).toEqual([
      { id: child.json().id, parent_id: parent.id, collaboration_id: f.w.collab.a },
    ])
    const wrongImage = await f.call(token, 'POST', '/api/task', {
      image: 'other:2',
      collaboration_id: f.w.collab.a,
      organizations: [{ id: f.w.org.one, input: plain({}) }],
    })
    expect(wrongImage.json()).toEqual({ msg: 'Container-token is not valid' })
    const otherCollab = await f.call(token, 'POST', '/api/task', {
      image: 'harbor.example/avg:1',
      collaboration_id: f.w.encrypted,
      organizations: [{ id: f.w.org.one, input: sealed() }],
    })
    expect(otherCollab.statusCode).toBe(401)
    const children = await f.call(token, 'GET', `/api/task?parent_id=${parent.id}`)
    expect(children.json().data.map((t: { id: number }) => t.id)).toEqual([child.json().id])
  })
})

describe('reading tasks', () => {
  it('lists newest first with runs and results included', async () => {
    const a = (await postTask(f, researcher)).json()
    const b = (await postTask(f, researcher)).json()
    const res = await f.call(
      researcher,
      'GET',
      `/api/task?collaboration_id=${f.w.collab.a}&sort=id&per_page=2&include=runs&include=results`,
    )
    expect(res.statusCode).toBe(200)
    const [first, second] = res.json().data
    expect([first.id, second.id]).toEqual([b.id, a.id])
    expect(first.runs).toHaveLength(2)
    expect(first.runs[0]).toMatchObject({ status: 'pending', node: { name: 'two-a' }, ports: [] })
    expect(first.results[0]).toEqual(expect.objectContaining({ result: null }))
    expect(res.json().links.next).toContain('page=2')
    const status = await f.call(researcher, 'GET', `/api/task/${a.id}/status`)
    expect(status.json()).toEqual({ status: 'pending' })
  })

  it('keeps tasks inside their collaboration (upstream leaks them across)', async () => {
    const inB = await postTask(f, researcherTwo, {
      collaboration_id: f.w.collab.b,
      organizations: [{ id: f.w.org.three, input: plain({}) }],
    })
    expect(inB.statusCode).toBe(201)
    const id = inB.json().id
    // Organization one shares A with organization two, but B is not one's collaboration.
    const viewer = await f.user(f.w.user.viewer)
    expect((await f.call(viewer, 'GET', `/api/task/${id}`)).statusCode).toBe(401)
    expect((await f.call(viewer, 'GET', `/api/task/${id}/status`)).statusCode).toBe(401)
    const nodeA = await f.node(f.w.nodes.twoA)
    // A node of organization two sees B's task: B is one of its organization's collaborations.
    expect((await f.call(nodeA, 'GET', `/api/task/${id}`)).statusCode).toBe(200)
    const nodeOne = await f.node(f.w.nodes.oneA)
    expect((await f.call(nodeOne, 'GET', `/api/task/${id}`)).statusCode).toBe(401)
    const list = await f.call(viewer, 'GET', `/api/task?collaboration_id=${f.w.collab.b}`)
    expect(list.statusCode).toBe(401)
  })
})
