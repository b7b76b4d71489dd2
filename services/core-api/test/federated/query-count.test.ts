import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'
import { postTask } from './task-helpers.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
  const researcher = await f.user(f.w.user.researcher)
  for (let i = 0; i < 12; i++) await postTask(f, researcher)
})
afterAll(() => f.close())

describe('list queries do not grow with the page', () => {
  it.each([
    '/api/task?include=runs,results',
    '/api/run?include=task',
    '/api/result',
    '/api/node',
    '/api/collaboration?include=organizations',
  ])('%s', async (url) => {
    const token = await f.user(f.w.user.root)
    const count = async (perPage: number) =>
      (
        await f.h.countQueries(() =>
          f.call(token, 'GET', `${url}${url.includes('?') ? '&' : '?'}per_page=${perPage}`),
        )
      ).queries
    // Warm up once so the last-seen write and metadata lookups do not count.
    await count(1)
    expect(await count(20)).toBe(await count(2))
  })
})
