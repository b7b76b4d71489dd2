import type { Fed } from './fed-world.ts'
import { plain } from './fed-world.ts'

/** A user with one built-in role in an organization, made directly in the database. */
export async function userWithRole(f: Fed, name: string, orgId: number, role: string) {
  const [identity] = await f.h.sql<{ id: number }>(
    "insert into authenticatable (type) values ('user') returning id",
  )
  const id = Number(identity?.id)
  await f.h.sql('insert into "user" (id, username, email, organization_id) values (?, ?, ?, ?)', [
    id,
    name,
    `${name}@example.org`,
    orgId,
  ])
  await f.h.sql(
    'insert into "Permission" (user_id, role_id) select ?, id from role where name = ? and is_default_role = true',
    [id, role],
  )
  return id
}

/** Posts a task to collaboration A for organizations one and two; answers the response. */
export async function postTask(f: Fed, token: string, body: Record<string, unknown> = {}) {
  return f.call(token, 'POST', '/api/task', {
    name: 'avg',
    image: 'harbor.example/avg:1',
    collaboration_id: f.w.collab.a,
    organizations: [
      { id: f.w.org.two, input: plain({ method: 'partial', org: 2 }) },
      { id: f.w.org.one, input: plain({ method: 'partial', org: 1 }) },
    ],
    databases: [{ label: 'default', query: 'select 1' }],
    ...body,
  })
}

/** A container token for a task, as auth would issue it to the node of `orgId`. */
export function containerFor(
  f: Fed,
  task: { id: number; image: string },
  nodeId: number,
  orgId: number,
  collaborationId: number,
) {
  return f.h.containerToken({
    node_id: nodeId,
    organization_id: orgId,
    collaboration_id: collaborationId,
    study_id: null,
    store_id: null,
    task_id: task.id,
    image: task.image,
    databases: [{ label: 'default' }],
  })
}
