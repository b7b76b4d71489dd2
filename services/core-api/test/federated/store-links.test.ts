import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFed, type Fed, plain } from './fed-world.ts'

interface Seen {
  method: string
  url: string
  auth: string | undefined
  serverUrl: string | undefined
}

let f: Fed
let store: Server
let storeUrl: string
const seen: Seen[] = []
let whitelistStatus = 201

beforeAll(async () => {
  f = await createFed()
  // A fake algorithm store that records what this server asks of it.
  store = createServer((req: IncomingMessage, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      auth: req.headers.authorization,
      serverUrl: req.headers.server_url as string | undefined,
    })
    res.setHeader('content-type', 'application/json')
    if (req.method === 'POST') {
      res.statusCode = whitelistStatus
      res.end(JSON.stringify(whitelistStatus === 201 ? { id: 7 } : { msg: 'store says no' }))
    } else if (req.url?.startsWith('/api/algorithm?')) {
      const image = new URL(req.url, 'http://x').searchParams.get('image')
      const digest = image === 'reg.example/avg' ? 'sha256:abc' : null
      res.end(JSON.stringify({ data: [{ image, digest }] }))
    } else if (req.method === 'GET') res.end(JSON.stringify([{ id: 7 }]))
    else res.end('{}')
  })
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve))
  storeUrl = `http://127.0.0.1:${(store.address() as AddressInfo).port}/api`
})
afterAll(async () => {
  store.close()
  await f.close()
})

describe('linking algorithm stores', () => {
  it('whitelists at the store with the caller’s token, then links it', async () => {
    const colAdmin = await f.user(f.w.user.colAdmin)
    const body = {
      name: 'local',
      algorithm_store_url: `${storeUrl}/`,
      server_url: 'https://fedhub.example/api',
      collaboration_id: [f.w.collab.a],
    }
    const local = await f.call(colAdmin, 'POST', '/api/algorithmstore', body)
    expect(local.statusCode).toBe(400) // localhost without force
    expect(seen).toEqual([])
    const global = await f.call(colAdmin, 'POST', '/api/algorithmstore', {
      ...body,
      collaboration_id: undefined,
      force: true,
    })
    expect(global.statusCode).toBe(401) // all collaborations need global edit
    const res = await f.call(colAdmin, 'POST', '/api/algorithmstore', { ...body, force: true })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: 'local', url: storeUrl })
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/vantage6-server',
        auth: `Bearer ${colAdmin}`,
        serverUrl: 'https://fedhub.example/api',
      },
    ])
    const again = await f.call(colAdmin, 'POST', '/api/algorithmstore', { ...body, force: true })
    expect(again.statusCode).toBe(400)
    seen.length = 0
    const gone = await f.call(
      colAdmin,
      'DELETE',
      `/api/algorithmstore/${res.json().id}?server_url=https://fedhub.example/api`,
    )
    expect(gone.json()).toEqual({ msg: `Algorithm store id=${res.json().id} successfully deleted` })
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/vantage6-server',
      'DELETE /api/vantage6-server/7',
    ])
  })

  it('passes the store’s refusal on and needs a server URL', async () => {
    const root = await f.user(f.w.user.root)
    whitelistStatus = 400
    const refused = await f.call(root, 'POST', '/api/algorithmstore', {
      name: 'x',
      algorithm_store_url: storeUrl,
      server_url: 'https://fedhub.example/api',
      force: true,
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({
      msg: 'Algorithm store error: store says no, HTTP status: 400',
    })
    const noServer = await f.call(root, 'POST', '/api/algorithmstore', {
      name: 'x',
      algorithm_store_url: storeUrl,
      force: true,
    })
    expect(noServer.statusCode).toBe(400)
    const unreachable = await f.call(root, 'POST', '/api/algorithmstore', {
      name: 'x',
      algorithm_store_url: 'http://127.0.0.1:1/api',
      server_url: 'https://fedhub.example/api',
      force: true,
    })
    expect(unreachable.statusCode).toBe(404)
  })

  it('takes the collaboration id as text, as the 4.x UI form sends it', async () => {
    whitelistStatus = 201
    const root = await f.user(f.w.user.root)
    const body = {
      name: 'from the UI',
      algorithm_store_url: `${storeUrl}/ui`,
      server_url: 'https://fedhub.example/api',
      collaboration_id: String(f.w.collab.b),
      force: true,
    }
    const res = await f.call(root, 'POST', '/api/algorithmstore', body)
    expect(res.statusCode).toBe(201)
    const listed = await f.call(root, 'GET', `/api/algorithmstore?collaboration_id=${f.w.collab.b}`)
    expect(listed.json().data.map((s: { name: string }) => s.name)).toContain('from the UI')
    const bad = await f.call(root, 'POST', '/api/algorithmstore', {
      ...body,
      collaboration_id: 'b',
    })
    expect(bad.statusCode).toBe(400)
  })
})

describe('tasks from a store', () => {
  it('pin the image digest the store lists and link the store', async () => {
    const [row] = await f.h.sql<{ id: number }>(
      'insert into algorithmstore (name, url, collaboration_id) values (?, ?, ?) returning id',
      ['fake', storeUrl, f.w.collab.a],
    )
    const researcher = await f.user(f.w.user.researcher)
    const post = (image: string) =>
      f.call(researcher, 'POST', '/api/task', {
        image,
        store_id: Number(row?.id),
        server_url: 'https://fedhub.example/api',
        collaboration_id: f.w.collab.a,
        organizations: [{ id: f.w.org.one, input: plain({}) }],
      })
    const pinned = await post('reg.example/avg')
    expect(pinned.json()).toMatchObject({
      image: 'reg.example/avg@sha256:abc',
      algorithm_store: { id: Number(row?.id) },
    })
    const loose = await post('reg.example/other')
    expect(loose.json()).toMatchObject({ image: 'reg.example/other', algorithm_store: null })
    const elsewhere = await f.call(researcher, 'POST', '/api/task', {
      image: 'reg.example/avg',
      store_id: Number(row?.id),
      server_url: 'https://fedhub.example/api',
      collaboration_id: f.w.encrypted,
      organizations: [{ id: f.w.org.one, input: 'AAAA$AAAA$AAAA' }],
    })
    expect(elsewhere.statusCode).toBe(403)
  })
})
