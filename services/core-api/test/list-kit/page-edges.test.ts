import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../accounts/harness.ts'
import { createWorld, type World } from '../accounts/world.ts'

// Edges of the list envelope (spec: federated-resources 1.6, auth-and-accounts 7.3).

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

describe('page links', () => {
  it('past the last page: empty data, previous kept, no next, last still given', async () => {
    const res = await get('/api/rule?per_page=40&page=5')
    expect(res.statusCode).toBe(200)
    const q = (page: number) => `/api/rule?per_page=40&page=${page}`
    expect(res.json()).toEqual({
      data: [],
      links: { first: q(1), previous: q(4), self: q(5), last: q(3) },
    })
  })

  it('repeated parameters collapse to their first value; values are quote_plus-encoded', async () => {
    const res = await get('/api/role?name=Vi%25&name=Root&sort=name,-id&description=a b&per_page=1')
    expect(res.json().links.self).toBe(
      '/api/role?name=Vi%25&sort=name%2C-id&description=a+b&per_page=1&page=1',
    )
  })

  it('a repeated single-valued filter uses its first value, as upstream', async () => {
    const res = await get('/api/organization?name=one&name=two&per_page=5&per_page=1')
    expect(res.statusCode).toBe(200)
    expect(res.json().data.map((o: { name: string }) => o.name)).toEqual(['one'])
    expect(res.json().links.self).toBe('/api/organization?name=one&per_page=5&page=1')
  })

  it('no_pagination puts every rule on one page', async () => {
    const res = await get(`/api/rule?role_id=${w.role.viewer}&no_pagination=1`)
    const total = Number(res.headers['total-count'])
    expect(total).toBeGreaterThan(10)
    expect(res.json().data).toHaveLength(total)
    expect(res.json().links.next).toBeUndefined()
    expect(res.json().links.last).toBe(`/api/rule?role_id=${w.role.viewer}&no_pagination=1&page=1`)
  })

  it('a bare list defaults to page 1 of 10 rows', async () => {
    const res = await get('/api/rule')
    expect(res.json().data).toHaveLength(10)
    expect(res.json().links.next).toBe('/api/rule?page=2')
    expect(res.json().links.last).toBe('/api/rule?page=9')
  })
})
