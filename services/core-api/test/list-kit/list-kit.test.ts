import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../accounts/harness.ts'
import { createWorld, type World } from '../accounts/world.ts'

let h: Harness
let w: World
let token: string
beforeAll(async () => {
  h = await createHarness()
  w = await createWorld(h)
  token = await h.userToken(w.user.root)
})
afterAll(() => h.close())

const get = (url: string) =>
  h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

describe('list envelope, links and headers', () => {
  it('pages with links that keep the query and replace page', async () => {
    const res = await get('/api/user?per_page=2&sort=-id&page=2&username=p%25')
    expect(res.statusCode).toBe(200)
    expect(res.json().data.map((u: { username: string }) => u.username)).toEqual([
      'plain2',
      'plain',
    ])
    const q = (page: number) => `/api/user?per_page=2&sort=-id&page=${page}&username=p%25`
    expect(res.json().links).toEqual({ first: q(1), previous: q(1), self: q(2), last: q(2) })
    expect(res.headers['total-count']).toBe('4')
    expect(res.headers.link).toBe(
      `<${q(1)}>; rel=first,<${q(1)}>; rel=previous,<${q(2)}>; rel=self,<${q(2)}>; rel=last`,
    )
    expect(res.headers['access-control-expose-headers']).toBe('total-count, Link')
  })

  it('omits last when nothing matches and appends page when absent', async () => {
    const res = await get('/api/organization?name=nothing')
    expect(res.json()).toEqual({
      data: [],
      links: {
        first: '/api/organization?name=nothing&page=1',
        self: '/api/organization?name=nothing&page=1',
      },
    })
    expect(res.headers['total-count']).toBe('0')
  })

  it('does not cap per_page below 9999', async () => {
    const res = await get('/api/rule?per_page=9999')
    expect(res.json().data).toHaveLength(86)
  })

  it('answers 400 for bad page, sort and filter values (upstream: 500)', async () => {
    expect((await get('/api/user?page=0')).statusCode).toBe(400)
    expect((await get('/api/user?per_page=abc')).statusCode).toBe(400)
    expect((await get('/api/user?organization_id=abc')).statusCode).toBe(400)
    const sort = await get('/api/user?sort=nope')
    expect(sort.statusCode).toBe(400)
    expect(sort.json()).toEqual({ msg: "Cannot sort a 'User' by 'nope' because it does not exist" })
    expect((await get('/api/rule?scope=nope')).statusCode).toBe(400)
  })

  it('filters rules by code or name', async () => {
    const byCode = await get('/api/rule?name=user&scope=glo&operation=v')
    const byName = await get('/api/rule?name=user&scope=GLOBAL&operation=VIEW')
    expect(byCode.json().data).toEqual(byName.json().data)
    expect(byCode.json().data).toEqual([
      expect.objectContaining({
        name: 'user',
        scope: 'GLOBAL',
        operation: 'VIEW',
        users: expect.stringMatching(/^\/api\/user\?rule_id=\d+$/),
      }),
    ])
  })
})

describe('query count', () => {
  it('is the same for one row and for every row of each list', async () => {
    for (const path of ['/api/user', '/api/organization', '/api/role', '/api/rule']) {
      const small = await h.countQueries(() => get(`${path}?per_page=1`))
      const large = await h.countQueries(() => get(`${path}?per_page=9999`))
      expect(small.result.statusCode).toBe(200)
      expect(large.queries, path).toBe(small.queries)
      expect(large.queries, path).toBeLessThanOrEqual(8)
    }
  })
})
