import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { createWorld, type World } from './world.ts'

let h: Harness
let w: World
beforeAll(async () => {
  h = await createHarness()
  w = await createWorld(h)
})
afterAll(() => h.close())

const get = async (url: string, token: string) =>
  h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

describe('GET /api/user', () => {
  it('lists users of the own organization for a viewer, without secrets', async () => {
    const res = await get('/api/user?sort=id', await h.userToken(w.user.viewer))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.data.map((u: { username: string }) => u.username)).toEqual([
      'root',
      'viewer',
      'researcher',
      'orgadmin',
      'coladmin',
      'plain',
    ])
    expect(body.data[0]).not.toHaveProperty('otp_secret')
    expect(body.data[0]).not.toHaveProperty('password')
    expect(body.data[0].organization).toEqual({
      id: w.org.one,
      link: `/api/organization/${w.org.one}`,
      methods: ['GET', 'PATCH', 'DELETE'],
    })
    expect(body.data[0].roles).toBe(`/api/role?user_id=${w.user.root}`)
    expect(res.headers['total-count']).toBe('6')
  })

  it('gets oneself with permissions', async () => {
    const res = await get(
      `/api/user/${w.user.viewer}?include_permissions=true`,
      await h.userToken(w.user.viewer),
    )
    expect(res.statusCode).toBe(200)
    expect(res.json().permissions.roles).toEqual([w.role.viewer])
    expect(res.json().permissions.rules).toHaveLength(15)
    expect(res.json().permissions.orgs_in_collabs).toEqual([w.org.one, w.org.two])
  })
})
