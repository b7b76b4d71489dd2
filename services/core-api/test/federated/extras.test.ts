import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'
import { postTask } from './task-helpers.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

describe('algorithm store links', () => {
  it('shows global stores and those of one’s collaborations', async () => {
    const store = async (name: string, collab: number | null) =>
      Number(
        (
          await f.h.sql<{ id: number }>(
            'insert into algorithmstore (name, url, collaboration_id) values (?, ?, ?) returning id',
            [name, `https://${name}.example/api`, collab],
          )
        )[0]?.id,
      )
    const all = await store('all', null)
    const inA = await store('a', f.w.collab.a)
    const inB = await store('b', f.w.collab.b)
    const viewer = await f.user(f.w.user.viewer)
    const list = await f.call(viewer, 'GET', '/api/algorithmstore')
    expect(list.json().data.map((s: { id: number }) => s.id)).toEqual([all, inA])
    expect(list.json().data[0].collaborations).toBeNull()
    expect(list.json().data[1].collaborations).toBe(`/api/collaboration?algorithm_store_id=${inA}`)
    expect((await f.call(viewer, 'GET', `/api/algorithmstore/${inB}`)).statusCode).toBe(401)
    const node = await f.node(f.w.nodes.oneA)
    expect((await f.call(node, 'GET', `/api/algorithmstore/${inA}`)).json().url).toBe(
      'https://a.example/api',
    )
    const collabs = await f.call(viewer, 'GET', `/api/collaboration?algorithm_store_id=${inA}`)
    expect(collabs.json().data.map((c: { id: number }) => c.id)).toEqual([f.w.collab.a])
    const renamed = await f.call(
      await f.user(f.w.user.colAdmin),
      'PATCH',
      `/api/algorithmstore/${inA}`,
      {
        name: 'a2',
      },
    )
    expect(renamed.json().name).toBe('a2')
    const global = await f.call(
      await f.user(f.w.user.colAdmin),
      'PATCH',
      `/api/algorithmstore/${all}`,
      {
        name: 'x',
      },
    )
    expect(global.statusCode).toBe(401)
  })
})

describe('ports', () => {
  it('are registered and removed by the node executing the run', async () => {
    const task = (await postTask(f, await f.user(f.w.user.researcher))).json()
    const [runTwo] = (
      await f.h.sql<{ id: number }>('select id from run where task_id = ? order by id', [task.id])
    ).map((r) => Number(r.id))
    const two = await f.node(f.w.nodes.twoA)
    const added = await f.call(two, 'POST', '/api/port', {
      port: 8888,
      run_id: runTwo,
      label: 'api',
    })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ port: 8888, label: 'api' })
    const run = await f.call(two, 'GET', `/api/run/${runTwo}`)
    expect(run.json().ports).toEqual([added.json()])
    const other = await f.call(await f.node(f.w.nodes.oneA), 'POST', '/api/port', {
      port: 1,
      run_id: runTwo,
    })
    expect(other.statusCode).toBe(401)
    expect((await f.call(two, 'POST', '/api/port', { port: 1, run_id: 999999 })).statusCode).toBe(
      404,
    )
    const missing = await f.call(two, 'DELETE', '/api/port')
    expect(missing.json()).toEqual({ msg: 'The run_id argument is required!' })
    const removed = await f.call(two, 'DELETE', `/api/port?run_id=${runTwo}`)
    expect(removed.json()).toEqual({ msg: 'Ports removed from the database.' })
  })
})

describe('column names', () => {
  it('answers shared columns, or creates a task that asks for them', async () => {
    const researcher = await f.user(f.w.user.researcher)
    const body = {
      db_label: 'default',
      collaboration_id: f.w.collab.a,
      organizations: [{ id: f.w.org.one, input: plain({ method: 'column_headers' }) }],
    }
    const task = await f.call(researcher, 'POST', '/api/column', body)
    expect(task.statusCode).toBe(201)
    expect(task.json()).toMatchObject({
      name: 'get_column_names',
      databases: [{ label: 'default' }],
    })
    for (const value of ['age', 'weight']) {
      await f.h.sql(
        "insert into nodeconfig (node_id, key, value) values (?, 'columns_default', ?)",
        [f.w.nodes.twoA, value],
      )
    }
    const shared = await f.call(researcher, 'POST', '/api/column', body)
    expect(shared.statusCode).toBe(200)
    expect(shared.json()).toEqual({ columns: ['age', 'weight'] })
    const viewer = await f.call(await f.user(f.w.user.viewer), 'POST', '/api/column', body)
    expect(viewer.statusCode).toBe(401)
  })
})
