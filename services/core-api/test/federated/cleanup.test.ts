import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupRunData } from '../../src/domain/runs/cleanup-runs.ts'
import { createFed, type Fed } from './fed-world.ts'
import { postTask } from './task-helpers.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

describe('run data cleanup', () => {
  it('blanks old completed results (and inputs when asked), once', async () => {
    const task = (await postTask(f, await f.user(f.w.user.researcher))).json()
    const [oldRun, newRun] = (
      await f.h.sql<{ id: number }>('select id from run where task_id = ? order by id', [task.id])
    ).map((r) => Number(r.id))
    await f.h.sql(
      "update run set status = 'completed', result = 'cg==', finished_at = now() - interval '40 days' where id = ?",
      [oldRun],
    )
    await f.h.sql(
      "update run set status = 'completed', result = 'cg==', finished_at = now() - interval '1 day' where id = ?",
      [newRun],
    )
    const em = f.h.orm.em.fork()
    expect(await cleanupRunData(em, { days: 30, includeInput: true })).toBe(1)
    const rows = await f.h.sql<{ id: number; result: string; input: string; cleanup_at: unknown }>(
      'select id, result, input, cleanup_at from run where task_id = ? order by id',
      [task.id],
    )
    expect(rows[0]).toMatchObject({ result: '', input: '' })
    expect(rows[0]?.cleanup_at).not.toBeNull()
    expect(rows[1]).toMatchObject({ result: 'cg==', cleanup_at: null })
    expect(await cleanupRunData(f.h.orm.em.fork(), { days: 30, includeInput: true })).toBe(0)
    const shown = await f.call(await f.user(f.w.user.researcher), 'GET', `/api/result/${oldRun}`)
    expect(shown.json().cleanup_at).toMatch(/^\d{4}-/)
  })
})
