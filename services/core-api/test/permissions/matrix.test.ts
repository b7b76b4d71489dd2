import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../accounts/harness.ts'
import { createWorld, type World } from '../accounts/world.ts'

let h: Harness
let w: World
beforeAll(async () => {
  h = await createHarness()
  w = await createWorld(h)
})
afterAll(() => h.close())

type Who = keyof World['user']
interface Row {
  name: string
  who: Who
  url: (w: World) => string
  status: number
  /** Usernames or organization names that come back, in id order. */
  rows?: string[]
}

// One row per endpoint, operation and scope, following the spec's tables (section 4).
const LIST_MATRIX: Row[] = [
  {
    name: 'user list, global view',
    who: 'root',
    url: () => '/api/user?per_page=50&sort=id',
    status: 200,
    rows: [
      'root',
      'viewer',
      'researcher',
      'orgadmin',
      'coladmin',
      'plain',
      'plain2',
      'plain3',
      'plain4',
    ],
  },
  {
    name: 'user list, collaboration view adds collaborating orgs',
    who: 'colAdmin',
    url: () => '/api/user?sort=id',
    status: 200,
    rows: ['root', 'viewer', 'researcher', 'orgadmin', 'coladmin', 'plain', 'plain2'],
  },
  {
    name: 'user list, organization view',
    who: 'orgAdmin',
    url: () => '/api/user?sort=id',
    status: 200,
    rows: ['root', 'viewer', 'researcher', 'orgadmin', 'coladmin', 'plain'],
  },
  { name: 'user list, no view rule', who: 'plain', url: () => '/api/user', status: 401 },
  {
    name: 'user list, no view rule, self-lookup by exact username',
    who: 'plain',
    url: () => '/api/user?username=plain',
    status: 200,
    rows: ['plain'],
  },
  {
    name: 'user list, no view rule, a pattern is not a self-lookup',
    who: 'plain',
    url: () => '/api/user?username=pla%25',
    status: 401,
  },
  {
    name: 'user list, organization filter outside scope',
    who: 'orgAdmin',
    url: (x) => `/api/user?organization_id=${x.org.two}`,
    status: 401,
  },
  {
    name: 'user list, organization filter in collaboration scope',
    who: 'colAdmin',
    url: (x) => `/api/user?organization_id=${x.org.two}`,
    status: 200,
    rows: ['plain2'],
  },
  {
    name: 'user list, collaboration filter',
    who: 'root',
    url: (x) => `/api/user?collaboration_id=${x.collab.b}&sort=id`,
    status: 200,
    rows: ['plain2', 'plain3'],
  },
  {
    name: 'user list, collaboration filter without collaboration view',
    who: 'orgAdmin',
    url: (x) => `/api/user?collaboration_id=${x.collab.a}`,
    status: 401,
  },
  {
    name: 'user list, role filter',
    who: 'root',
    url: (x) => `/api/user?role_id=${x.role.custom}`,
    status: 200,
    rows: ['plain2'],
  },
  {
    name: 'user list, role of another organization',
    who: 'orgAdmin',
    url: (x) => `/api/user?role_id=${x.role.custom}`,
    status: 401,
  },
  {
    name: 'organization list, global view',
    who: 'colAdmin',
    url: () => '/api/organization?sort=id',
    status: 200,
    rows: ['one', 'two', 'three', 'alone'],
  },
  {
    name: 'organization list, collaboration view',
    who: 'viewer',
    url: () => '/api/organization?sort=id',
    status: 200,
    rows: ['one', 'two'],
  },
  {
    name: 'organization list, no view rule',
    who: 'plain',
    url: () => '/api/organization',
    status: 401,
  },
  {
    name: 'organization list, collaboration filter without collaboration scope',
    who: 'plainAlone',
    url: (x) => `/api/organization?collaboration_id=${x.collab.a}`,
    status: 401,
  },
  {
    name: 'role list, no view rule: own roles only',
    who: 'plainTwo',
    url: () => '/api/role',
    status: 200,
    rows: ['custom'],
  },
  {
    name: 'role list, organization view: own org and built-in roles',
    who: 'viewer',
    url: () => '/api/role?per_page=20&sort=id',
    status: 200,
    rows: [
      'Root',
      'container',
      'node',
      'Viewer',
      'Researcher',
      'Organization Admin',
      'Collaboration Admin',
    ],
  },
  {
    name: 'role list, collaboration view sees collaborating org roles',
    who: 'colAdmin',
    url: () => '/api/role?per_page=20&sort=-id',
    status: 200,
    rows: [
      'custom',
      'Collaboration Admin',
      'Organization Admin',
      'Researcher',
      'Viewer',
      'node',
      'container',
      'Root',
    ],
  },
  {
    name: 'role list, organization filter outside scope',
    who: 'orgAdmin',
    url: (x) => `/api/role?organization_id=${x.org.two}`,
    status: 401,
  },
]

const names = (body: { data: Array<{ username?: string; name?: string }> }) =>
  body.data.map((item) => item.username ?? item.name)

describe.each(LIST_MATRIX)('$name', (row) => {
  it(`answers ${row.status}`, async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: row.url(w),
      headers: { authorization: `Bearer ${await h.userToken(w.user[row.who])}` },
    })
    expect(res.statusCode, res.body).toBe(row.status)
    if (row.rows !== undefined) expect(names(res.json())).toEqual(row.rows)
  })
})

interface ItemRow {
  name: string
  who: Who
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST'
  url: (w: World) => string
  body?: (w: World) => Record<string, unknown>
  status: number
}

const ITEM_MATRIX: ItemRow[] = [
  {
    name: 'user view self without rules',
    who: 'plain',
    method: 'GET',
    url: (x) => `/api/user/${x.user.plain}`,
    status: 200,
  },
  {
    name: 'user view other org, org scope',
    who: 'orgAdmin',
    method: 'GET',
    url: (x) => `/api/user/${x.user.plainTwo}`,
    status: 401,
  },
  {
    name: 'user view collaborating org, col scope',
    who: 'colAdmin',
    method: 'GET',
    url: (x) => `/api/user/${x.user.plainTwo}`,
    status: 200,
  },
  {
    name: 'user view non-collaborating org, col scope',
    who: 'colAdmin',
    method: 'GET',
    url: (x) => `/api/user/${x.user.plainThree}`,
    status: 401,
  },
  {
    name: 'user edit own, own scope',
    who: 'viewer',
    method: 'PATCH',
    url: (x) => `/api/user/${x.user.viewer}`,
    body: () => ({ firstname: 'Vera' }),
    status: 200,
  },
  {
    name: 'user edit other, own scope only',
    who: 'viewer',
    method: 'PATCH',
    url: (x) => `/api/user/${x.user.plain}`,
    body: () => ({ firstname: 'P' }),
    status: 401,
  },
  {
    name: 'user edit same org, org scope',
    who: 'orgAdmin',
    method: 'PATCH',
    url: (x) => `/api/user/${x.user.plain}`,
    body: () => ({ lastname: 'Plain' }),
    status: 200,
  },
  {
    name: 'user edit other org, org scope',
    who: 'orgAdmin',
    method: 'PATCH',
    url: (x) => `/api/user/${x.user.plainTwo}`,
    body: () => ({ lastname: 'X' }),
    status: 401,
  },
  {
    name: 'user edit collaborating org, col scope',
    who: 'colAdmin',
    method: 'PATCH',
    url: (x) => `/api/user/${x.user.plainTwo}`,
    body: () => ({ lastname: 'X' }),
    status: 200,
  },
  {
    name: 'user edit missing user',
    who: 'root',
    method: 'PATCH',
    url: () => '/api/user/9999',
    body: () => ({ bogus: 1 }),
    status: 404,
  },
  {
    name: 'organization view own, org scope',
    who: 'viewer',
    method: 'GET',
    url: (x) => `/api/organization/${x.org.one}`,
    status: 200,
  },
  {
    name: 'organization view lone org, col scope',
    who: 'viewer',
    method: 'GET',
    url: (x) => `/api/organization/${x.org.alone}`,
    status: 401,
  },
  {
    name: 'organization edit own, org scope',
    who: 'orgAdmin',
    method: 'PATCH',
    url: (x) => `/api/organization/${x.org.one}`,
    body: () => ({ zipcode: '1234' }),
    status: 200,
  },
  {
    name: 'organization edit other, org scope',
    who: 'orgAdmin',
    method: 'PATCH',
    url: (x) => `/api/organization/${x.org.two}`,
    body: () => ({ zipcode: '1' }),
    status: 401,
  },
  {
    name: 'organization edit collaborating, col scope',
    who: 'colAdmin',
    method: 'PATCH',
    url: (x) => `/api/organization/${x.org.two}`,
    body: () => ({ zipcode: '2' }),
    status: 200,
  },
  {
    name: 'organization create without global create',
    who: 'colAdmin',
    method: 'POST',
    url: () => '/api/organization',
    body: () => ({ name: 'new' }),
    status: 401,
  },
  {
    name: 'organization create, global',
    who: 'root',
    method: 'POST',
    url: () => '/api/organization',
    body: () => ({ name: 'new' }),
    status: 201,
  },
  {
    name: 'organization delete without global delete',
    who: 'colAdmin',
    method: 'DELETE',
    url: (x) => `/api/organization/${x.org.alone}`,
    status: 401,
  },
  {
    name: 'organization delete own',
    who: 'root',
    method: 'DELETE',
    url: (x) => `/api/organization/${x.org.one}`,
    status: 400,
  },
  {
    name: 'role view built-in, org scope',
    who: 'viewer',
    method: 'GET',
    url: (x) => `/api/role/${x.role.root}`,
    status: 200,
  },
  {
    name: 'role view other org custom, org scope',
    who: 'viewer',
    method: 'GET',
    url: (x) => `/api/role/${x.role.custom}`,
    status: 401,
  },
  {
    name: 'role view held role without rules',
    who: 'plainTwo',
    method: 'GET',
    url: (x) => `/api/role/${x.role.custom}`,
    status: 200,
  },
  {
    name: 'role edit built-in',
    who: 'root',
    method: 'PATCH',
    url: (x) => `/api/role/${x.role.viewer}`,
    body: () => ({ description: 'x' }),
    status: 400,
  },
  {
    name: 'role edit other org, org scope',
    who: 'orgAdmin',
    method: 'PATCH',
    url: (x) => `/api/role/${x.role.custom}`,
    body: () => ({ description: 'x' }),
    status: 401,
  },
  {
    name: 'role create in own org, org scope',
    who: 'orgAdmin',
    method: 'POST',
    url: () => '/api/role',
    body: () => ({ name: 'helpers', rules: [] }),
    status: 201,
  },
  {
    name: 'role create in other org, org scope',
    who: 'orgAdmin',
    method: 'POST',
    url: () => '/api/role',
    body: (x) => ({ name: 'helpers', rules: [], organization_id: x.org.two }),
    status: 401,
  },
  {
    name: 'role delete held role without dependents flag',
    who: 'root',
    method: 'DELETE',
    url: (x) => `/api/role/${x.role.custom}?delete_dependents=False`,
    status: 400,
  },
  {
    name: 'rule list for any user',
    who: 'plain',
    method: 'GET',
    url: () => '/api/rule?no_pagination=1',
    status: 200,
  },
]

describe.each(ITEM_MATRIX)('$name', (row) => {
  it(`answers ${row.status}`, async () => {
    const res = await h.app.inject({
      method: row.method,
      url: row.url(w),
      headers: { authorization: `Bearer ${await h.userToken(w.user[row.who])}` },
      ...(row.body === undefined ? {} : { payload: row.body(w) }),
    })
    expect(res.statusCode, res.body).toBe(row.status)
  })
})
