import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'
import { containerFor, postTask } from './task-helpers.ts'

let f: Fed
let tokens: Record<string, string>
let ids: { task: number; run: number; taskB: number }
beforeAll(async () => {
  f = await createFed()
  const researcher = await f.user(f.w.user.researcher)
  const task = (await postTask(f, researcher)).json()
  const [run] = await f.h.sql<{ id: number }>('select id from run where task_id = ? order by id', [
    task.id,
  ])
  const root = await f.user(f.w.user.root)
  // A task of organization two in B, which organization one does not take part in.
  const taskB = Number(
    (
      await f.h.sql<{ id: number }>(
        "insert into task (name, collaboration_id, init_org_id, job_id, created_at) values ('b', ?, ?, 999, now()) returning id",
        [f.w.collab.b, f.w.org.two],
      )
    )[0]?.id,
  )
  ids = { task: task.id, run: Number(run?.id), taskB }
  tokens = {
    root,
    viewer: await f.user(f.w.user.viewer),
    researcher,
    plain: await f.user(f.w.user.plain),
    node: await f.node(f.w.nodes.oneA),
    container: await containerFor(f, task, f.w.nodes.twoA, f.w.org.two, f.w.collab.a),
  }
})
afterAll(() => f.close())

// Expected status per caller: root, viewer, researcher, plain (no rules), node of org one in A,
// container of a task in A. 401 also covers identity types an endpoint does not take.
const CASES: Array<[string, () => string, number[]]> = [
  ['GET /api/collaboration', () => '/api/collaboration', [200, 200, 200, 401, 200, 401]],
  [
    'GET collaboration A',
    () => `/api/collaboration/${f.w.collab.a}`,
    [200, 200, 200, 401, 200, 200],
  ],
  [
    'GET collaboration B',
    () => `/api/collaboration/${f.w.collab.b}`,
    [200, 401, 401, 401, 401, 401],
  ],
  ['GET /api/node', () => '/api/node', [200, 200, 200, 401, 200, 401]],
  ['GET node two-b', () => `/api/node/${f.w.nodes.twoB}`, [200, 401, 401, 401, 401, 401]],
  ['GET /api/task', () => '/api/task', [200, 200, 200, 401, 200, 200]],
  ['GET task in A', () => `/api/task/${ids.task}`, [200, 200, 200, 401, 200, 200]],
  ['GET task in B', () => `/api/task/${ids.taskB}`, [200, 401, 401, 401, 401, 401]],
  ['GET task status', () => `/api/task/${ids.task}/status`, [200, 200, 200, 401, 401, 200]],
  ['GET /api/run', () => '/api/run', [200, 200, 200, 401, 200, 200]],
  ['GET run', () => `/api/run/${ids.run}`, [200, 200, 200, 401, 200, 200]],
  ['GET /api/result', () => `/api/result?task_id=${ids.task}`, [200, 200, 200, 401, 200, 200]],
  ['GET result', () => `/api/result/${ids.run}`, [200, 200, 200, 401, 200, 200]],
  ['GET /api/study', () => '/api/study', [200, 200, 200, 401, 200, 200]],
  ['GET /api/algorithmstore', () => '/api/algorithmstore', [200, 200, 200, 401, 401, 401]],
  ['GET blob status', () => '/api/blobstream/status', [200, 200, 200, 200, 200, 200]],
]

describe('permission matrix (GET)', () => {
  it.each(CASES)('%s', async (_name, url, expected) => {
    const got: number[] = []
    for (const who of ['root', 'viewer', 'researcher', 'plain', 'node', 'container']) {
      got.push((await f.call(tokens[who] ?? '', 'GET', url())).statusCode)
    }
    expect(got).toEqual(expected)
  })
})
