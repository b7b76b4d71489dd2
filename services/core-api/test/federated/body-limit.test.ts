import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed } from './fed-world.ts'
import { postTask } from './task-helpers.ts'

// 0.01 MiB: the limit is configured in MiB, and a task body is easy to make larger than this.
const LIMIT_BYTES = Math.floor(0.01 * 1024 * 1024)

let f: Fed
beforeAll(async () => {
  f = await createFed({ FEDHUB_BODY_LIMIT_MB: '0.01' })
})
afterAll(() => f.close())

describe('request body limit', () => {
  it('refuses a task body over the configured limit with 413, and stores nothing', async () => {
    const researcher = await f.user(f.w.user.researcher)
    const huge = Buffer.alloc(LIMIT_BYTES, 'a').toString('base64')
    const tooLarge = await postTask(f, researcher, {
      organizations: [{ id: f.w.org.one, input: huge }],
    })
    expect(tooLarge.statusCode).toBe(413)
    expect(tooLarge.json()).toEqual({
      msg: `Request body is larger than the limit of ${LIMIT_BYTES} bytes`,
    })
    expect(await f.h.sql('select id from task')).toEqual([])
    const small = await postTask(f, researcher)
    expect(small.statusCode).toBe(201)
  })
})
