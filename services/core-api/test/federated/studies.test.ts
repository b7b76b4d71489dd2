import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'
import { postTask } from './task-helpers.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

describe('studies', () => {
  it('are created by collaboration admins with members of the collaboration only', async () => {
    const colAdmin = await f.user(f.w.user.colAdmin)
    const outside = await f.call(colAdmin, 'POST', '/api/study', {
      name: 'S0',
      collaboration_id: f.w.collab.a,
      organization_ids: [f.w.org.three],
    })
    expect(outside.json()).toEqual({ msg: 'Not all organizations are part of the collaboration!' })
    const otherCollab = await f.call(colAdmin, 'POST', '/api/study', {
      name: 'S0',
      collaboration_id: f.w.collab.b,
      organization_ids: [f.w.org.two],
    })
    expect(otherCollab.statusCode).toBe(401)
    const res = await f.call(colAdmin, 'POST', '/api/study', {
      name: 'S1',
      collaboration_id: f.w.collab.a,
      organization_ids: [f.w.org.one],
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      name: 'S1',
      collaboration: { id: f.w.collab.a },
      organizations: [{ id: f.w.org.one }],
      tasks: `/api/task?study_id=${res.json().id}`,
    })
  })

  it('limit task targets and are listed, edited and deleted with their tasks', async () => {
    const root = await f.user(f.w.user.root)
    const study = (
      await f.call(root, 'POST', '/api/study', {
        name: 'S2',
        collaboration_id: f.w.collab.a,
        organization_ids: [f.w.org.one],
      })
    ).json()
    const researcher = await f.user(f.w.user.researcher)
    const notInStudy = await postTask(f, researcher, {
      collaboration_id: undefined,
      study_id: study.id,
    })
    expect(notInStudy.statusCode).toBe(400)
    const task = await f.call(researcher, 'POST', '/api/task', {
      image: 'i',
      study_id: study.id,
      organizations: [{ id: f.w.org.one, input: plain({}) }],
    })
    expect(task.json()).toMatchObject({
      study: { id: study.id },
      collaboration: { id: f.w.collab.a },
    })
    const added = await f.call(root, 'POST', `/api/study/${study.id}/organization`, {
      id: f.w.org.two,
    })
    expect(added.json().map((o: { id: number }) => o.id)).toEqual([f.w.org.one, f.w.org.two])
    const viewer = await f.call(
      await f.user(f.w.user.viewer),
      'GET',
      `/api/study?collaboration_id=${f.w.collab.a}`,
    )
    expect(viewer.json().data.map((s: { name: string }) => s.name)).toContain('S2')
    const hidden = await f.call(await f.user(f.w.user.plainThree), 'GET', `/api/study/${study.id}`)
    expect(hidden.statusCode).toBe(401)
    const patched = await f.call(root, 'PATCH', `/api/study/${study.id}`, { name: 'S2b' })
    expect(patched.json().name).toBe('S2b')
    const refused = await f.call(root, 'DELETE', `/api/study/${study.id}`)
    expect(refused.statusCode).toBe(400)
    const done = await f.call(root, 'DELETE', `/api/study/${study.id}?delete_dependents=true`)
    expect(done.json()).toEqual({ msg: `Study id=${study.id} successfully deleted` })
    expect(await f.h.sql('select id from run where task_id = ?', [task.json().id])).toEqual([])
  })
})
