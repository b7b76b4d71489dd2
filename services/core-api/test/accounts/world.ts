import type { Harness } from './harness.ts'

/**
 * The fixture every account suite starts from. Organizations 1–4: 1 and 2 share collaboration
 * A, 2 and 3 share collaboration B, 4 is alone. One user per built-in role in organization 1,
 * plus a plain user without rules in each organization.
 */
export interface World {
  org: Record<'one' | 'two' | 'three' | 'alone', number>
  collab: Record<'a' | 'b', number>
  user: Record<
    | 'root'
    | 'viewer'
    | 'researcher'
    | 'orgAdmin'
    | 'colAdmin'
    | 'plain'
    | 'plainTwo'
    | 'plainThree'
    | 'plainAlone',
    number
  >
  node: number
  role: Record<'root' | 'viewer' | 'orgAdmin' | 'colAdmin' | 'custom', number>
}

async function one<T>(h: Harness, sql: string, params: unknown[]): Promise<T> {
  const rows = await h.sql<{ id: T }>(sql, params)
  return rows[0]?.id as T
}

export async function createWorld(h: Harness): Promise<World> {
  const org = async (name: string) =>
    one<number>(h, 'insert into organization (name, country) values (?, ?) returning id', [
      name,
      'NL',
    ])
  const orgs = {
    one: await org('one'),
    two: await org('two'),
    three: await org('three'),
    alone: await org('alone'),
  }
  const collab = async (name: string, members: number[]) => {
    const id = await one<number>(
      h,
      'insert into collaboration (name, encrypted) values (?, false) returning id',
      [name],
    )
    for (const m of members)
      await h.sql('insert into "Member" (collaboration_id, organization_id) values (?, ?)', [id, m])
    return id
  }
  const collabs = {
    a: await collab('A', [orgs.one, orgs.two]),
    b: await collab('B', [orgs.two, orgs.three]),
  }
  const roleId = (name: string) =>
    one<number>(h, 'select id from role where name = ? and is_default_role = true', [name])
  const roles = {
    root: await roleId('Root'),
    viewer: await roleId('Viewer'),
    orgAdmin: await roleId('Organization Admin'),
    colAdmin: await roleId('Collaboration Admin'),
    custom: await one<number>(
      h,
      "insert into role (name, description, organization_id, is_default_role) values ('custom', 'a custom role', ?, false) returning id",
      [orgs.two],
    ),
  }
  const user = async (username: string, orgId: number, roleIds: number[]) => {
    const id = await one<number>(
      h,
      "insert into authenticatable (type) values ('user') returning id",
      [],
    )
    await h.sql(
      'insert into "user" (id, username, email, organization_id, password, otp_secret) values (?, ?, ?, ?, ?, ?)',
      [
        id,
        username,
        `${username}@example.org`,
        orgId,
        '$2b$04$notarealhashnotarealhashnotarealhashnotarealhashnotar',
        'SECRETSECRETSECRETSECRETSECRET22',
      ],
    )
    for (const r of roleIds)
      await h.sql('insert into "Permission" (user_id, role_id) values (?, ?)', [id, r])
    return id
  }
  const users = {
    root: await user('root', orgs.one, [roles.root]),
    viewer: await user('viewer', orgs.one, [roles.viewer]),
    researcher: await user('researcher', orgs.one, [await roleId('Researcher')]),
    orgAdmin: await user('orgadmin', orgs.one, [roles.orgAdmin]),
    colAdmin: await user('coladmin', orgs.one, [roles.colAdmin]),
    plain: await user('plain', orgs.one, []),
    plainTwo: await user('plain2', orgs.two, [roles.custom]),
    plainThree: await user('plain3', orgs.three, []),
    plainAlone: await user('plain4', orgs.alone, []),
  }
  const nodeId = await one<number>(
    h,
    "insert into authenticatable (type) values ('node') returning id",
    [],
  )
  await h.sql(
    'insert into node (id, name, organization_id, collaboration_id) values (?, ?, ?, ?)',
    [nodeId, 'node-one', orgs.one, collabs.a],
  )
  return { org: orgs, collab: collabs, user: users, node: nodeId, role: roles }
}
