import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EventContract, eventProblems } from '@fedhub/shared/events'
import type { LightMyRequestResponse as Response } from 'fastify'
import { createHarness, type Harness } from '../accounts/harness.ts'
import { createWorld, type World } from '../accounts/world.ts'

/**
 * The account world plus what federated work needs: organizations 1 and 2 share the
 * unencrypted collaboration A, 2 and 3 share B, and 1 and 2 share the encrypted E. Every
 * member organization has a node in each of its collaborations.
 */
export interface FedWorld extends World {
  encrypted: number
  nodes: { oneA: number; twoA: number; twoB: number; threeB: number; oneE: number; twoE: number }
  secret: Buffer
}

export interface Fed {
  h: Harness
  w: FedWorld
  call(
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<Response>
  user(id: number): Promise<string>
  node(id: number): Promise<string>
  /** Outbox rows of one event after `since`, each checked against its contract. */
  outbox(contract: EventContract, since?: number): Promise<Array<Record<string, unknown>>>
  lastOutboxId(): Promise<number>
  close(): Promise<void>
}

/** Base64 of a JSON input, as clients send to unencrypted collaborations. */
export const plain = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64')

/** An input shaped like the encrypted `key$iv$payload` form (random bytes, not UTF-8). */
export const sealed = () => {
  const chunk = (n: number) =>
    Buffer.from(Array.from({ length: n }, (_, i) => 0x80 + (i % 64))).toString('base64')
  return `${chunk(64)}$${chunk(16)}$${chunk(48)}`
}

/** `env` overrides configuration as environment variables would. */
export async function createFed(env: Record<string, string> = {}): Promise<Fed> {
  // testConfig keeps its data folder relative to the working directory: give it a scratch one
  // holding the API-key digest secret, as a deployment mounts it.
  const dir = mkdtempSync(join(tmpdir(), 'fedhub-federated-'))
  const secret = Buffer.alloc(32, 7)
  mkdirSync(join(dir, '.fedhub'))
  writeFileSync(join(dir, '.fedhub', 'api-key-secret'), secret.toString('base64url'))
  process.chdir(dir)
  const h = await createHarness(env)
  const base = await createWorld(h)
  const one = async (sql: string, params: unknown[]) =>
    Number((await h.sql<{ id: number }>(sql, params))[0]?.id)
  const encrypted = await one(
    "insert into collaboration (name, encrypted) values ('E', true) returning id",
    [],
  )
  for (const org of [base.org.one, base.org.two]) {
    await h.sql('insert into "Member" (collaboration_id, organization_id) values (?, ?)', [
      encrypted,
      org,
    ])
  }
  const node = async (name: string, org: number, collab: number) => {
    const id = await one(
      "insert into authenticatable (type, status) values ('node', 'offline') returning id",
      [],
    )
    await h.sql(
      'insert into node (id, name, organization_id, collaboration_id) values (?, ?, ?, ?)',
      [id, name, org, collab],
    )
    return id
  }
  const nodes = {
    oneA: base.node,
    twoA: await node('two-a', base.org.two, base.collab.a),
    twoB: await node('two-b', base.org.two, base.collab.b),
    threeB: await node('three-b', base.org.three, base.collab.b),
    oneE: await node('one-e', base.org.one, encrypted),
    twoE: await node('two-e', base.org.two, encrypted),
  }
  const w: FedWorld = { ...base, encrypted, nodes, secret }
  return {
    h,
    w,
    async call(token, method, url, payload) {
      return h.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload }),
      })
    },
    user: (id) => h.userToken(id),
    node: (id) => h.nodeToken(id),
    async outbox(contract, since = 0) {
      const rows = await h.sql<{ payload: unknown }>(
        'select payload from outbox where subject = ? and id > ? order by id',
        [contract.subject, since],
      )
      return rows.map((row) => {
        const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload
        // A row that breaks its contract would be parked by the gateway, never delivered.
        const problems = eventProblems(contract, payload)
        if (problems.length > 0) throw new Error(`bad ${contract.subject}: ${problems.join('; ')}`)
        return payload as Record<string, unknown>
      })
    },
    async lastOutboxId() {
      const rows = await h.sql<{ id: string | null }>('select max(id) as id from outbox')
      return Number(rows[0]?.id ?? 0)
    },
    close: () => h.close(),
  }
}
