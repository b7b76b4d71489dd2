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

/** Run ids of a task by organization: [organization two's, organization one's]. */
async function runsOf(taskId: number): Promise<number[]> {
  const rows = await f.h.sql<{ id: number }>('select id from run where task_id = ? order by id', [
    taskId,
  ])
  return rows.map((row) => Number(row.id))
}

describe('kill', () => {
  it('reaches children and grandchildren and leaves finished runs alone', async () => {
    const root = (await postTask(f, researcher)).json()
    const token = await containerFor(f, root, f.w.nodes.oneA, f.w.org.one, f.w.collab.a)
    const sub = async (parentToken: string) =>
      (
        await f.call(parentToken, 'POST', '/api/task', {
          image: 'harbor.example/avg:1',
          collaboration_id: f.w.collab.a,
          organizations: [{ id: f.w.org.two, input: plain({}) }],
        })
      ).json()
    const child = await sub(token)
    const grandchild = await sub(
      await containerFor(f, child, f.w.nodes.twoA, f.w.org.two, f.w.collab.a),
    )
    const [rootTwo, rootOne] = await runsOf(root.id)
    await f.call(await f.node(f.w.nodes.twoA), 'PATCH', `/api/run/${rootTwo}`, {
      status: 'completed',
      finished_at: '2026-01-01T00:00:00',
    })
    const colAdmin = await f.user(f.w.user.colAdmin)
    const denied = await f.call(researcher, 'POST', '/api/kill/task', { id: root.id })
    expect(denied.statusCode).toBe(401)
    const since = await f.lastOutboxId()
    const res = await f.call(colAdmin, 'POST', '/api/kill/task', { id: root.id })
    expect(res.json()).toEqual({
      msg: `Nodes have been instructed to kill any containers running for task ${root.id}.`,
    })
    const [childRun] = await runsOf(child.id)
    const [grandRun] = await runsOf(grandchild.id)
    const kills = await f.outbox(EVENTS.killListed, since)
    expect(kills).toEqual([
      {
        collaboration_id: f.w.collab.a,
        kill_list: [
          { task_id: root.id, run_id: rootOne, organization_id: f.w.org.one },
          { task_id: child.id, run_id: childRun, organization_id: f.w.org.two },
          { task_id: grandchild.id, run_id: grandRun, organization_id: f.w.org.two },
        ],
      },
    ])
    // The server wrote these statuses, so it announces each: a run no node had started would
    // otherwise look pending to everyone watching until they reload.
    const statuses = await f.outbox(EVENTS.runStatusChanged, since)
    const killed = (run: number, task: number, org: number, parent: number | null) => ({
      status: 'killed by user',
      run_id: run,
      task_id: task,
      job_id: root.job_id,
      collaboration_id: f.w.collab.a,
      node_id: null,
      organization_id: org,
      parent_id: parent,
    })
    expect(statuses).toEqual([
      killed(rootOne, root.id, f.w.org.one, null),
      killed(childRun, child.id, f.w.org.two, root.id),
      killed(grandRun, grandchild.id, f.w.org.two, child.id),
    ])
    const rows = await f.h.sql<{ id: number; status: string }>(
      'select id, status from run where id in (?, ?, ?, ?) order by id',
      [rootTwo, rootOne, childRun, grandRun],
    )
    expect(rows.map((r) => r.status)).toEqual([
      'completed',
      'killed by user',
      'killed by user',
      'killed by user',
    ])
    // The node's late report is refused; the run stays killed.
    const late = await f.call(await f.node(f.w.nodes.oneA), 'PATCH', `/api/run/${rootOne}`, {
      status: 'completed',
    })
    expect(late.statusCode).toBe(400)
    const twice = await f.call(colAdmin, 'POST', '/api/kill/task', { id: root.id })
    expect(twice.json()).toEqual({
      msg: `Task ${root.id} already finished with status 'killed by user', so cannot kill it!`,
    })
  })

  it('a kill racing a node update leaves one consistent, finished run', async () => {
    const task = (await postTask(f, researcher)).json()
    const [, runOne] = await runsOf(task.id)
    const [kill, patch] = await Promise.all([
      f.call(await f.user(f.w.user.root), 'POST', '/api/kill/task', { id: task.id }),
      f.call(await f.node(f.w.nodes.oneA), 'PATCH', `/api/run/${runOne}`, {
        status: 'completed',
        result: 'eA==',
        finished_at: '2026-01-01T00:00:00',
      }),
    ])
    const [row] = await f.h.sql<{ status: string; finished_at: unknown }>(
      'select status, finished_at from run where id = ?',
      [runOne],
    )
    expect(row?.finished_at).not.toBeNull()
    if (patch.statusCode === 200) expect(row?.status).toBe('completed')
    else expect([patch.statusCode, row?.status]).toEqual([400, 'killed by user'])
    expect(kill.statusCode).toBe(200)
  })

  it('asks an online node to stop everything', async () => {
    const colAdmin = await f.user(f.w.user.colAdmin)
    const offline = await f.call(colAdmin, 'POST', '/api/kill/node/tasks', { id: f.w.nodes.oneA })
    expect(offline.json()).toEqual({
      msg: `Node ${f.w.nodes.oneA} is not online so cannot kill its tasks!`,
    })
    await f.h.sql("update authenticatable set status = 'online' where id = ?", [f.w.nodes.oneA])
    const since = await f.lastOutboxId()
    const res = await f.call(colAdmin, 'POST', '/api/kill/node/tasks', { id: f.w.nodes.oneA })
    expect(res.statusCode).toBe(200)
    expect(await f.outbox(EVENTS.nodeKillRequested, since)).toEqual([
      { node_id: f.w.nodes.oneA, collaboration_id: f.w.collab.a },
    ])
    const denied = await f.call(await f.user(f.w.user.viewer), 'POST', '/api/kill/node/tasks', {
      id: f.w.nodes.oneA,
    })
    expect(denied.statusCode).toBe(401)
  })
})
