import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'
import { containerFor, postTask } from './task-helpers.ts'

let f: Fed
beforeAll(async () => {
  f = await createFed()
})
afterAll(() => f.close())

async function runOf(taskId: number, orgId: number): Promise<number> {
  const [row] = await f.h.sql<{ id: number }>(
    'select id from run where task_id = ? and organization_id = ?',
    [taskId, orgId],
  )
  return Number(row?.id)
}

describe('GET /vpn/algorithm/addresses', () => {
  it('lists the ports of the task family a container asks for, with its nodes’ VPN addresses', async () => {
    const root = (await postTask(f, await f.user(f.w.user.researcher))).json()
    const rootToken = await containerFor(f, root, f.w.nodes.oneA, f.w.org.one, f.w.collab.a)
    const child = (
      await f.call(rootToken, 'POST', '/api/task', {
        image: 'harbor.example/avg:1',
        collaboration_id: f.w.collab.a,
        organizations: [{ id: f.w.org.two, input: plain({}) }],
      })
    ).json()
    const childToken = await containerFor(f, child, f.w.nodes.twoA, f.w.org.two, f.w.collab.a)
    await f.h.sql("update authenticatable set ip = '10.76.0.1' where id = ?", [f.w.nodes.oneA])
    await f.h.sql("update authenticatable set ip = '10.76.0.2' where id = ?", [f.w.nodes.twoA])
    const nodeOne = await f.node(f.w.nodes.oneA)
    const nodeTwo = await f.node(f.w.nodes.twoA)
    const register = async (token: string, runId: number, port: number, label: string) =>
      expect(
        (await f.call(token, 'POST', '/api/port', { run_id: runId, port, label })).statusCode,
      ).toBe(201)
    await register(nodeOne, await runOf(root.id, f.w.org.one), 7001, 'com')
    await register(nodeTwo, await runOf(root.id, f.w.org.two), 7002, 'com')
    await register(nodeTwo, await runOf(child.id, f.w.org.two), 7003, 'child')

    const rootOne = { port: 7001, label: 'com', ip: '10.76.0.1', organization_id: f.w.org.one }
    const rootTwo = { port: 7002, label: 'com', ip: '10.76.0.2', organization_id: f.w.org.two }
    const onRoot = { task_id: root.id, parent_id: null }
    const childPort = {
      port: 7003,
      label: 'child',
      ip: '10.76.0.2',
      organization_id: f.w.org.two,
      task_id: child.id,
      parent_id: root.id,
    }
    const addresses = async (token: string, query = '') => {
      const res = await f.call(token, 'GET', `/api/vpn/algorithm/addresses${query}`)
      return [res.statusCode, res.json()]
    }
    const ok = (...list: object[]) => [200, { addresses: list }]

    expect(await addresses(rootToken)).toEqual(
      ok({ ...rootOne, ...onRoot }, { ...rootTwo, ...onRoot }),
    )
    expect(await addresses(rootToken, '?include_children=1')).toEqual(
      ok({ ...rootOne, ...onRoot }, { ...rootTwo, ...onRoot }, childPort),
    )
    expect(await addresses(rootToken, '?only_children=true')).toEqual(ok(childPort))
    expect(await addresses(rootToken, '?only_siblings=1')).toEqual(ok({ ...rootTwo, ...onRoot }))
    expect(await addresses(rootToken, '?only_self=1')).toEqual(ok({ ...rootOne, ...onRoot }))
    expect(await addresses(rootToken, '?include_children=1&label=child')).toEqual(ok(childPort))
    // As upstream, a task without a parent keeps its own addresses here.
    expect(await addresses(rootToken, '?only_parent=1')).toEqual(
      ok({ ...rootOne, ...onRoot }, { ...rootTwo, ...onRoot }),
    )
    expect(await addresses(childToken, '?only_parent=1')).toEqual(
      ok({ ...rootOne, ...onRoot }, { ...rootTwo, ...onRoot }),
    )
    expect(await addresses(childToken, '?include_parent=1')).toEqual(
      ok({ ...rootOne, ...onRoot }, { ...rootTwo, ...onRoot }, childPort),
    )
    expect(await addresses(rootToken, '?only_self=1&only_children=1')).toEqual([
      400,
      { msg: 'You can only specify one of the only_<...> parameters!' },
    ])
    const user = await f.call(await f.user(f.w.user.root), 'GET', '/api/vpn/algorithm/addresses')
    expect(user.statusCode).toBe(401)
  })
})
