import type { FedhubOrm } from '@fedhub/shared/data'
import type { TokenClaims } from '@fedhub/shared/tokens'
import { createMemoryStore } from '@fedhub/shared/transports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/data/index.ts'
import { seedCatalogue } from '../../src/data/seed/index.ts'
import { linkBuilder } from '../../src/domain/list-kit/index.ts'
import { loadCaller } from '../../src/domain/permissions/index.ts'
import { createAnnouncedStatuses } from '../../src/domain/runs/announced-statuses.ts'
import { patchRun } from '../../src/domain/runs/patch-run.ts'
import { createTask } from '../../src/domain/tasks/create-task.ts'
import { deleteTask } from '../../src/domain/tasks/delete-task.ts'
import { killTask } from '../../src/domain/tasks/kill-requests.ts'
import { killTaskTree } from '../../src/domain/tasks/kill-tasks.ts'
import { listTasks } from '../../src/domain/tasks/list-tasks.ts'
import { presentTasks } from '../../src/domain/tasks/present-tasks.ts'
import type { Harness } from '../accounts/harness.ts'
import { createWorld, type World } from '../accounts/world.ts'
import { createTestDatabase, silentLog, type TestDatabase } from '../data/test-db.ts'
import { plain } from './fed-world.ts'

// Standalone runs on SQLite: the task life cycle's hand-written SQL must work there too. The
// domain is called directly; the HTTP layer is the same on both databases.
let db: TestDatabase
let orm: FedhubOrm
let w: World
/** Organization two's node in collaboration A. */
let twoA: number
const claims = {} as TokenClaims
const stores = { serverUrl: undefined, apiPath: '/api', fetch }
const announced = createAnnouncedStatuses(createMemoryStore(), silentLog)

beforeAll(async () => {
  db = await createTestDatabase('sqlite')
  orm = await db.open()
  await runMigrations(orm)
  await seedCatalogue(orm.em.fork())
  const sql = async (query: string, params: unknown[] = []) => orm.em.fork().execute(query, params)
  // createWorld only writes rows through `sql`.
  w = await createWorld({ sql } as unknown as Harness)
  const [node] = (await sql(
    "insert into authenticatable (type) values ('node') returning id",
  )) as Array<{ id: number }>
  twoA = Number(node?.id)
  await sql('insert into node (id, name, organization_id, collaboration_id) values (?, ?, ?, ?)', [
    twoA,
    'two-a',
    w.org.two,
    w.collab.a,
  ])
})
afterAll(() => db.drop())

const input = (org: number) => ({ id: org, input: plain({ org }) })

async function callerOf(identity: Parameters<typeof loadCaller>[1]) {
  return loadCaller(orm.em.fork(), identity)
}

async function rows<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await orm.em.fork().execute(query, params)) as T[]
}

describe('task life cycle on SQLite', () => {
  it('creates, lists, patches and kills', async () => {
    const em = orm.em.fork()
    const user = await loadCaller(em, {
      clientType: 'user',
      id: w.user.root,
      tokenVersion: 0,
      claims,
    })
    const task = await createTask(
      em,
      user,
      {
        image: 'i',
        collaboration_id: w.collab.a,
        organizations: [input(w.org.one), input(w.org.two)],
      },
      stores,
    )
    const second = await createTask(
      orm.em.fork(),
      user,
      { image: 'i', collaboration_id: w.collab.a, organizations: [input(w.org.one)] },
      stores,
    )
    expect(second.jobId).toBe((task.jobId ?? 0) + 1)
    const node = await loadCaller(orm.em.fork(), {
      clientType: 'node',
      id: w.node,
      tokenVersion: 0,
      claims,
    })
    const [runOne] = (await orm.em
      .fork()
      .execute('select id from run where task_id = ? and organization_id = ?', [
        task.id,
        w.org.one,
      ])) as Array<{ id: number }>
    const patched = await patchRun(
      orm.em.fork(),
      node,
      Number(runOne?.id),
      { status: 'completed', finished_at: '2026-01-01T00:00:00Z' },
      announced,
    )
    expect(patched.finishedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    const killed = await orm.em
      .fork()
      .transactional((tx) => killTaskTree(tx, task.id, { announceStatuses: true }))
    expect(killed).toBe(1)
    const page = await listTasks(
      orm.em.fork(),
      user,
      { status: 'killed%' },
      { page: 1, perPage: 10, sort: [] },
      false,
    )
    const views = await presentTasks(
      orm.em.fork(),
      page.rows,
      linkBuilder('/api'),
      new Set(['runs']),
    )
    expect(views.map((v) => [v.id, v.status])).toEqual([[task.id, 'killed by user']])
  })
})

describe('task families on SQLite', () => {
  it('creates sub-tasks from containers, kills the whole family and deletes it', async () => {
    const root = await callerOf({ clientType: 'user', id: w.user.root, tokenVersion: 0, claims })
    const parent = await createTask(
      orm.em.fork(),
      root,
      { image: 'img', collaboration_id: w.collab.a, organizations: [input(w.org.two)] },
      stores,
    )
    const container = (taskId: number) =>
      callerOf({
        clientType: 'container',
        subject: {
          client_type: 'container',
          node_id: twoA,
          organization_id: w.org.two,
          collaboration_id: w.collab.a,
          study_id: null,
          store_id: null,
          task_id: taskId,
          image: 'img',
          databases: [],
        },
        claims,
      })
    const sub = (taskId: number) =>
      container(taskId).then((caller) =>
        createTask(
          orm.em.fork(),
          caller,
          {
            image: 'img',
            collaboration_id: w.collab.a,
            organizations: [input(w.org.two), input(w.org.two)],
          },
          stores,
        ),
      )
    const child = await sub(parent.id)
    const grandchild = await sub(child.id)
    expect([child.parent?.id, grandchild.parent?.id]).toEqual([parent.id, child.id])
    expect(new Set([parent.jobId, child.jobId, grandchild.jobId]).size).toBe(1)

    // A failing run fails its unstarted sibling at once.
    const node = await callerOf({ clientType: 'node', id: twoA, tokenVersion: 0, claims })
    const [first, second] = await rows<{ id: number }>(
      'select id from run where task_id = ? order by id',
      [child.id],
    )
    await patchRun(orm.em.fork(), node, Number(first?.id), { status: 'crashed' }, announced)
    const [sibling] = await rows<{ status: string; finished_at: unknown }>(
      'select status, finished_at from run where id = ?',
      [second?.id],
    )
    expect(sibling?.status).toBe('failed')
    expect(sibling?.finished_at).not.toBeNull()

    await killTask(orm.em.fork(), root, parent.id)
    const statuses = await rows<{ task_id: number; status: string }>(
      'select task_id, status from run where task_id in (?, ?, ?) order by id',
      [parent.id, child.id, grandchild.id],
    )
    expect(statuses.map((r) => [Number(r.task_id), r.status])).toEqual([
      [parent.id, 'killed by user'],
      [child.id, 'crashed'], // no finish time was reported, so it was still open
      [child.id, 'failed'],
      [grandchild.id, 'killed by user'],
      [grandchild.id, 'killed by user'],
    ])

    await deleteTask(orm.em.fork(), root, parent.id)
    const left = await rows('select id from task where id in (?, ?, ?)', [
      parent.id,
      child.id,
      grandchild.id,
    ])
    expect(left).toEqual([])
    expect(await rows('select id from run where task_id is null')).toEqual([])
  })
})
