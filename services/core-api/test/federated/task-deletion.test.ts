import { EVENTS } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'
import { containerFor, postTask } from './task-helpers.ts'

let f: Fed
let researcher: string
beforeAll(async () => {
  f = await createFed()
  researcher = await f.user(f.w.user.researcher)
})
afterAll(() => f.close())

describe('task deletion', () => {
  it('deletes a task with its sub-tasks and runs, killing what still runs', async () => {
    const parent = (await postTask(f, researcher)).json()
    const token = await containerFor(f, parent, f.w.nodes.twoA, f.w.org.two, f.w.collab.a)
    const child = await f.call(token, 'POST', '/api/task', {
      image: 'harbor.example/avg:1',
      collaboration_id: f.w.collab.a,
      organizations: [{ id: f.w.org.one, input: plain({}) }],
    })
    const since = await f.lastOutboxId()
    const viewer = await f.call(await f.user(f.w.user.viewer), 'DELETE', `/api/task/${parent.id}`)
    expect(viewer.statusCode).toBe(401)
    const res = await f.call(researcher, 'DELETE', `/api/task/${parent.id}`)
    expect(res.json()).toEqual({
      msg: `task id=${parent.id} and its algorithm run data have been successfully deleted`,
    })
    const left = await f.h.sql('select id from run where task_id in (?, ?)', [
      parent.id,
      child.json().id,
    ])
    expect(left).toEqual([])
    expect(await f.h.sql('select id from task where id = ?', [child.json().id])).toEqual([])
    const kills = await f.outbox(EVENTS.killListed, since)
    expect(kills).toHaveLength(1)
    expect(kills[0]?.kill_list).toHaveLength(3)
    // The runs are gone: no status event points at them.
    expect(await f.outbox(EVENTS.runStatusChanged, since)).toEqual([])
    expect((await f.call(researcher, 'GET', `/api/task/${parent.id}`)).statusCode).toBe(404)
  })

  it('deletes a finished task without a kill event', async () => {
    const task = (await postTask(f, researcher)).json()
    await f.h.sql("update run set status = 'completed', finished_at = now() where task_id = ?", [
      task.id,
    ])
    const since = await f.lastOutboxId()
    const res = await f.call(researcher, 'DELETE', `/api/task/${task.id}`)
    expect(res.statusCode).toBe(200)
    expect(await f.outbox(EVENTS.killListed, since)).toEqual([])
  })
})

describe('task filters', () => {
  it('filters on the derived status and on the database label', async () => {
    const done = (await postTask(f, researcher)).json()
    await f.h.sql("update run set status = 'completed', finished_at = now() where task_id = ?", [
      done.id,
    ])
    const crashed = (await postTask(f, researcher)).json()
    await f.h.sql(
      "update run set status = 'crashed', finished_at = now() where id = (select min(id) from run where task_id = ?)",
      [crashed.id],
    )
    const ids = async (query: string) =>
      (await f.call(researcher, 'GET', `/api/task?per_page=100&${query}`))
        .json()
        .data.map((t: { id: number }) => t.id)
    expect(await ids('status=completed')).toEqual([done.id])
    expect(await ids('status=crash%25')).toEqual([crashed.id])
    expect(await ids('status=pending')).not.toContain(done.id)
    expect(await ids('database=default')).toEqual(expect.arrayContaining([done.id, crashed.id]))
    expect(await ids('database=other')).toEqual([])
    expect(await ids('is_user_created=0')).toEqual([])
  })
})
