import { EVENTS } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

describe('collaboration deletion', () => {
  it('refuses with dependents, then deletes them all', async () => {
    const root = await f.user(f.w.user.root)
    const created = await f.call(root, 'POST', '/api/collaboration', {
      name: 'D',
      encrypted: false,
      organization_ids: [f.w.org.three],
    })
    const id = created.json().id
    const node = await f.call(root, 'POST', '/api/node', {
      collaboration_id: id,
      organization_id: f.w.org.three,
    })
    const refused = await f.call(root, 'DELETE', `/api/collaboration/${id}`)
    expect(refused.json().msg).toBe(
      `Collaboration id=${id} has 0 tasks, 1 nodes and 0 studies. Please delete them separately or set delete_dependents=True`,
    )
    const since = await f.lastOutboxId()
    const done = await f.call(root, 'DELETE', `/api/collaboration/${id}?delete_dependents=true`)
    expect(done.json()).toEqual({ msg: `Collaboration id=${id} successfully deleted` })
    expect(await f.h.sql('select id from node where id = ?', [node.json().id])).toEqual([])
    expect(await f.outbox(EVENTS.collaborationChanged, since)).toEqual([
      { collaboration_id: id, change: 'deleted' },
    ])
  })
})
