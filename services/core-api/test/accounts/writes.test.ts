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

const call = async (
  who: number,
  method: 'POST' | 'PATCH' | 'DELETE' | 'GET',
  url: string,
  payload?: object,
) =>
  h.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await h.userToken(who)}` },
    ...(payload ? { payload } : {}),
  })

describe('handing out roles and rules', () => {
  it('refuses a role whose rules the caller lacks, naming the rule', async () => {
    const res = await call(w.user.orgAdmin, 'POST', '/api/user', {
      username: 'newbie',
      email: 'newbie@example.org',
      password: 'Secret-123',
      roles: [w.role.colAdmin],
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().msg).toMatch(/^You don't have the rule \(\w+, \w+, \w+\)$/)
  })

  it('accepts a rule held at a wider scope', async () => {
    const [rule] = await h.sql<{ id: number }>(
      "select id from rule where name = 'user' and scope = 'ORGANIZATION' and operation = 'VIEW'",
    )
    const res = await call(w.user.root, 'PATCH', `/api/user/${w.user.plain}`, { rules: [rule?.id] })
    expect(res.statusCode).toBe(200)
  })

  it('an organization admin cannot strip Root from a user', async () => {
    const res = await call(w.user.orgAdmin, 'PATCH', `/api/user/${w.user.root}`, {
      roles: [w.role.viewer],
    })
    expect(res.statusCode).toBe(401)
  })

  it('nobody changes their own roles', async () => {
    const res = await call(w.user.root, 'PATCH', `/api/user/${w.user.root}`, {
      roles: [w.role.root],
    })
    expect(res.json()).toEqual({ msg: "You can't changes your own roles!" })
  })
})

describe('validation', () => {
  it('reports every bad field at once and writes nothing', async () => {
    const res = await call(w.user.root, 'POST', '/api/user', {
      username: 'ab',
      email: 'nope',
      extra: 1,
    })
    expect(res.statusCode).toBe(400)
    expect(Object.keys(res.json().errors).sort()).toEqual([
      'email',
      'extra',
      'password',
      'username',
    ])
  })

  it('applies the password policy with upstream texts', async () => {
    const res = await call(w.user.root, 'POST', '/api/user', {
      username: 'weak',
      email: 'weak@example.org',
      password: 'password',
    })
    expect(res.json()).toEqual({
      msg: 'Request body is incorrect',
      errors: { password: ['Password should contain at least one number'] },
    })
  })

  it('creates a user without secrets in the answer', async () => {
    const res = await call(w.user.root, 'POST', '/api/user', {
      username: 'fresh',
      email: 'fresh@example.org',
      password: 'Secret-123',
      firstname: null,
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      username: 'fresh',
      firstname: null,
      organization: { id: w.org.one },
    })
    expect(res.json()).not.toHaveProperty('password')
  })
})

describe('deletion', () => {
  it('refuses an organization with dependents when delete_dependents=False, then cascades', async () => {
    const refused = await call(
      w.user.root,
      'DELETE',
      `/api/organization/${w.org.three}?delete_dependents=False`,
    )
    expect(refused.statusCode).toBe(400)
    expect(refused.json().msg).toBe(
      "Organization has dependents: 0 runs, 0 tasks, 0 nodes, 1 users, and 0 roles. Please specify 'delete_dependents=true' to delete them.",
    )
    const done = await call(
      w.user.root,
      'DELETE',
      `/api/organization/${w.org.three}?delete_dependents=true`,
    )
    expect(done.json()).toEqual({
      msg: `Organization id=${w.org.three} was removed from the database`,
    })
    expect(await h.sql('select id from "user" where id = ?', [w.user.plainThree])).toEqual([])
  })

  it('deletes a user with tasks only with delete_dependents', async () => {
    await h.sql('insert into task (name, init_user_id, init_org_id) values (?, ?, ?)', [
      't',
      w.user.plainAlone,
      w.org.alone,
    ])
    const refused = await call(w.user.root, 'DELETE', `/api/user/${w.user.plainAlone}`)
    expect(refused.statusCode).toBe(400)
    const done = await call(
      w.user.root,
      'DELETE',
      `/api/user/${w.user.plainAlone}?delete_dependents=1`,
    )
    expect(done.json()).toEqual({
      msg: `user id=${w.user.plainAlone} is removed from the database`,
    })
    expect(await h.sql('select id from task where init_user_id = ?', [w.user.plainAlone])).toEqual(
      [],
    )
  })
})

describe('authentication', () => {
  it('answers 401 naming the token type on a user-only route', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/user',
      headers: { authorization: `Bearer ${await h.nodeToken(w.node)}` },
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().msg).toContain('node token')
  })

  it('lets a node read its organization', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/organization/${w.org.one}`,
      headers: { authorization: `Bearer ${await h.nodeToken(w.node)}` },
    })
    expect(res.statusCode).toBe(200)
  })

  it('answers 401 for a deleted identity', async () => {
    const res = await call(987654, 'GET', '/api/rule')
    expect(res.json()).toEqual({ msg: 'Error loading the user 987654' })
  })

  it('writes last_seen at most once per 30 seconds', async () => {
    await call(w.user.researcher, 'GET', '/api/rule')
    const [first] = await h.sql<{ last_seen: Date }>(
      'select last_seen from authenticatable where id = ?',
      [w.user.researcher],
    )
    await call(w.user.researcher, 'GET', '/api/rule')
    const [second] = await h.sql<{ last_seen: Date }>(
      'select last_seen from authenticatable where id = ?',
      [w.user.researcher],
    )
    expect(first?.last_seen).not.toBeNull()
    expect(second?.last_seen).toEqual(first?.last_seen)
  })

  it('lists every account route in /apidocs with its gates', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/apidocs/json' })).json()
    expect(doc.paths['/api/user/{id}'].patch.description).toContain('Gated by: user EDIT')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/role/{id}/rule/{rule_id}', '/api/rule', '/api/organization']),
    )
  })
})
