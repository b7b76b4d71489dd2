import { EVENTS } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'
import { containerFor, postTask, userWithRole } from './task-helpers.ts'

let f: Fed
let researcher: string
beforeAll(async () => {
  f = await createFed()
  researcher = await f.user(f.w.user.researcher)
})
afterAll(() => f.close())

/** Run ids of a task by organization: [organization two's, organization one's]. */
async function runsOf(taskId: number): Promise<number[]> {
  const rows = await f.h.sql<{ id: number }>('select id from run where task_id = ? order by id', [
    taskId,
  ])
  return rows.map((row) => Number(row.id))
}

describe('run life cycle', () => {
  it('goes from pending through active to completed, as the node reports it', async () => {
    const task = (await postTask(f, researcher)).json()
    const [runTwo, runOne] = await runsOf(task.id)
    const node = await f.node(f.w.nodes.oneA)
    const open = await f.call(
      node,
      'GET',
      `/api/run?state=open&node_id=${f.w.nodes.oneA}&include=task`,
    )
    const mine = open.json().data.find((r: { id: number }) => r.id === runOne)
    expect(mine).toMatchObject({
      input: plain({ method: 'partial', org: 1 }),
      blob_storage_used: false,
    })
    expect(mine.task).toMatchObject({ id: task.id, job_id: task.job_id, parent: null })
    expect(mine.task).not.toHaveProperty('runs')
    expect(JSON.parse(mine.task.databases[0].parameters)).toEqual({ query: 'select 1' })
    expect(open.json().data.some((r: { id: number }) => r.id === runTwo)).toBe(false)

    const since = await f.lastOutboxId()
    const started = await f.call(node, 'PATCH', `/api/run/${runOne}`, {
      started_at: '2026-01-02T03:04:05',
    })
    expect(started.json()).toMatchObject({ started_at: '2026-01-02T03:04:05', status: 'pending' })
    const active = await f.call(node, 'PATCH', `/api/run/${runOne}`, {
      status: 'active',
      log: 'go',
    })
    expect(active.json().status).toBe('active')
    const done = await f.call(node, 'PATCH', `/api/run/${runOne}`, {
      status: 'completed',
      result: 'cmVzdWx0',
      finished_at: '2026-01-02T04:00:00.123456+01:00',
    })
    expect(done.json()).toMatchObject({
      status: 'completed',
      log: 'go', // left out, so kept (upstream would write null)
      finished_at: '2026-01-02T03:00:00.123000',
    })
    const again = await f.call(node, 'PATCH', `/api/run/${runOne}`, { status: 'active' })
    expect(again.json()).toEqual({ msg: 'Cannot update an already finished algorithm run!' })
    expect((await f.outbox(EVENTS.runUpdateStarted, since)).length).toBe(3)
    const statuses = await f.outbox(EVENTS.runStatusChanged, since)
    expect(statuses.map((e) => e.status)).toEqual(['active', 'completed'])
    expect(statuses[0]).toMatchObject({
      run_id: runOne,
      task_id: task.id,
      job_id: task.job_id,
      collaboration_id: f.w.collab.a,
      node_id: f.w.nodes.oneA,
      organization_id: f.w.org.one,
      parent_id: null,
    })
    const result = await f.call(researcher, 'GET', `/api/result?task_id=${task.id}`)
    expect(result.json().data.map((r: { result: string | null }) => r.result)).toEqual([
      'cmVzdWx0',
      null,
    ]) // newest first
    expect(result.json().data[0]).not.toHaveProperty('input')
    const one = await f.call(researcher, 'GET', `/api/result/${runOne}`)
    expect(one.json()).toMatchObject({
      id: runOne,
      result: 'cmVzdWx0',
      run: { methods: ['GET', 'PATCH'] },
    })
  })

  it('refuses bad bodies and other organizations’ runs', async () => {
    const task = (await postTask(f, researcher)).json()
    const [runTwo, runOne] = await runsOf(task.id)
    const node = await f.node(f.w.nodes.oneA)
    expect((await f.call(node, 'PATCH', `/api/run/${runOne}`, { status: 'done' })).statusCode).toBe(
      400,
    )
    expect(
      (await f.call(node, 'PATCH', `/api/run/${runOne}`, { started_at: 'yesterday' })).statusCode,
    ).toBe(400)
    expect((await f.call(node, 'PATCH', `/api/run/${runOne}`, { input: 'x' })).statusCode).toBe(400)
    const other = await f.call(node, 'PATCH', `/api/run/${runTwo}`, { status: 'active' })
    expect(other.json()).toEqual({ msg: 'This is not your algorithm run to PATCH!' })
    // Organization two's node of collaboration B may not write runs of collaboration A.
    const wrongCollab = await f.call(await f.node(f.w.nodes.twoB), 'PATCH', `/api/run/${runTwo}`, {
      status: 'active',
    })
    expect(wrongCollab.statusCode).toBe(401)
    const user = await f.call(researcher, 'PATCH', `/api/run/${runOne}`, { status: 'active' })
    expect(user.statusCode).toBe(401)
    expect((await f.call(node, 'PATCH', '/api/run/999999', {})).statusCode).toBe(404)
  })

  it('fails the unstarted siblings of a failed run, with an event each', async () => {
    const task = (
      await postTask(f, researcher, {
        organizations: [
          { id: f.w.org.one, input: plain({}) },
          { id: f.w.org.two, input: plain({}) },
          { id: f.w.org.two, input: plain({}) },
        ],
      })
    ).json()
    const [runOne, runTwo, runTwoB] = await runsOf(task.id)
    const two = await f.node(f.w.nodes.twoA)
    await f.call(two, 'PATCH', `/api/run/${runTwo}`, { started_at: '2026-01-01T00:00:00Z' })
    const since = await f.lastOutboxId()
    const res = await f.call(await f.node(f.w.nodes.oneA), 'PATCH', `/api/run/${runOne}`, {
      status: 'crashed',
      finished_at: '2026-01-01T00:01:00Z',
    })
    expect(res.statusCode).toBe(200)
    const rows = await f.h.sql<{ id: number; status: string; log: string | null }>(
      'select id, status, log from run where task_id = ? order by id',
      [task.id],
    )
    expect(rows).toEqual([
      { id: runOne, status: 'crashed', log: null },
      { id: runTwo, status: 'pending', log: null },
      {
        id: runTwoB,
        status: 'failed',
        log: `Marked as failed because sibling run id=${runOne} failed with status 'crashed'.`,
      },
    ])
    const events = await f.outbox(EVENTS.runStatusChanged, since)
    expect(events.map((e) => [e.run_id, e.status])).toEqual([
      [runOne, 'crashed'],
      [runTwoB, 'failed'],
    ])
    const status = await f.call(researcher, 'GET', `/api/task/${task.id}/status`)
    expect(status.json()).toEqual({ status: 'failed' })
  })
})

describe('run visibility', () => {
  it('follows the permission matrix for users, nodes and containers', async () => {
    const task = (await postTask(f, researcher)).json()
    const [runTwo] = await runsOf(task.id)
    const own = await userWithRole(f, 'ownonly', f.w.org.one, 'Viewer')
    await f.h.sql('delete from "Permission" where user_id = ?', [own])
    const cases: Array<[string, string, number]> = [
      ['researcher', researcher, 200],
      ['viewer', await f.user(f.w.user.viewer), 200],
      ['plain', await f.user(f.w.user.plain), 401],
      ['plainThree', await f.user(f.w.user.plainThree), 401],
      ['node one A', await f.node(f.w.nodes.oneA), 200],
      ['node three B', await f.node(f.w.nodes.threeB), 401],
      ['container A', await containerFor(f, task, f.w.nodes.twoA, f.w.org.two, f.w.collab.a), 200],
      ['container E', await containerFor(f, task, f.w.nodes.twoE, f.w.org.two, f.w.encrypted), 401],
    ]
    for (const [who, token, status] of cases) {
      const res = await f.call(token, 'GET', `/api/run/${runTwo}`)
      expect([who, res.statusCode]).toEqual([who, status])
    }
    const list = await f.call(
      await f.node(f.w.nodes.oneA),
      'GET',
      `/api/run?node_id=${f.w.nodes.twoB}`,
    )
    expect(list.statusCode).toBe(401)
    const containerList = await f.call(
      await containerFor(f, task, f.w.nodes.twoA, f.w.org.two, f.w.collab.a),
      'GET',
      `/api/run?task_id=${task.id}`,
    )
    expect(containerList.json().data.map((r: { id: number }) => r.id)).toEqual(
      [...(await runsOf(task.id))].reverse(),
    )
  })
})
