// What the cluster benchmarks share: a throwaway cluster, a network written straight into its
// database, node tokens signed with its key, and a few figures.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { loadSigningKeys } from '@fedhub/auth'
import { apiKeyDigest, loadApiKeySecret } from '@fedhub/shared/tokens'
import { CompactSign, importJWK } from 'jose'
import pg from 'pg'

export interface BenchNode {
  id: number
  organizationId: number
  collaborationId: number
  apiKey: string
}

export interface NetworkShape {
  nodes: number
  /** Nodes (and organizations) per collaboration. */
  perCollaboration: number
  /** Makes names unique, so the rows never clash with what the cluster made itself. */
  tag: string
}

const ids = async (client: pg.Client, table: string, count: number): Promise<number[]> => {
  const { rows } = await client.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence($1, 'id'))::int as id from generate_series(1, $2)`,
    [table, count],
  )
  return rows.map((row) => row.id)
}

/**
 * Writes organizations, collaborations of `perCollaboration` members and one node per
 * organization in a few statements: creating nodes through the API costs a bcrypt hash each.
 * Each node's key is only stored as its digest, which is all node login needs.
 */
export async function insertNetwork(
  databaseUri: string,
  dataDir: string,
  shape: NetworkShape,
): Promise<BenchNode[]> {
  const secret = await loadApiKeySecret(dataDir, { generate: false })
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    await client.query('begin')
    const organizations = await ids(client, 'organization', shape.nodes)
    const collaborations = await ids(
      client,
      'collaboration',
      Math.ceil(shape.nodes / shape.perCollaboration),
    )
    const nodeIds = await ids(client, 'authenticatable', shape.nodes)
    const nodes = nodeIds.map((id, index) => ({
      id,
      organizationId: organizations[index] as number,
      collaborationId: collaborations[Math.floor(index / shape.perCollaboration)] as number,
      apiKey: randomUUID(),
    }))
    const column = <K extends keyof BenchNode>(key: K) => nodes.map((node) => node[key])
    await client.query(
      'insert into organization (id, name) select id, $2 || id from unnest($1::int[]) as t(id)',
      [organizations, `${shape.tag}-org-`],
    )
    await client.query(
      `insert into collaboration (id, name, encrypted)
       select id, $2 || id, false from unnest($1::int[]) as t(id)`,
      [collaborations, `${shape.tag}-collab-`],
    )
    await client.query(
      'insert into "Member" (collaboration_id, organization_id) select * from unnest($1::int[], $2::int[])',
      [column('collaborationId'), column('organizationId')],
    )
    await client.query(
      `insert into authenticatable (id, type, status)
       select id, 'node', 'offline' from unnest($1::int[]) as t(id)`,
      [nodeIds],
    )
    await client.query(
      `insert into node (id, name, api_key_digest, collaboration_id, organization_id)
       select id, $2 || id, digest, collaboration_id, organization_id
       from unnest($1::int[], $3::text[], $4::int[], $5::int[])
         as t(id, digest, collaboration_id, organization_id)`,
      [
        nodeIds,
        `${shape.tag}-node-`,
        nodes.map((node) => apiKeyDigest(node.apiKey, secret)),
        column('collaborationId'),
        column('organizationId'),
      ],
    )
    await client.query('commit')
    return nodes
  } catch (error) {
    await client.query('rollback')
    throw error
  } finally {
    await client.end()
  }
}

/** Runs one statement on the cluster's database, e.g. to make root's organization a member. */
export async function sql<T extends pg.QueryResultRow>(
  databaseUri: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/**
 * Node access tokens signed with the cluster's current key, with the claims auth issues (`sub`
 * a JSON number, token version 0), valid for `lifetimeS`.
 */
export async function signNodeTokens(
  dataDir: string,
  nodeIds: number[],
  lifetimeS = 3_600,
): Promise<string[]> {
  const [signing] = (await loadSigningKeys(dataDir, { generate: false })).keys
  if (signing === undefined) throw new Error('no signing key in the data folder')
  const key = await importJWK(signing, signing.alg)
  const header = { alg: signing.alg, kid: signing.kid, typ: 'JWT' }
  const iat = Math.floor(Date.now() / 1000)
  const encoder = new TextEncoder()
  return Promise.all(
    nodeIds.map((sub) =>
      new CompactSign(
        encoder.encode(
          JSON.stringify({
            fresh: false,
            iat,
            jti: randomUUID(),
            type: 'access',
            sub,
            nbf: iat,
            csrf: randomUUID(),
            exp: iat + lifetimeS,
            client_type: 'node',
            roles: [],
            ver: 0,
          }),
        ),
      )
        .setProtectedHeader(header)
        .sign(key),
    ),
  )
}

/**
 * A config file lifting auth's per-address login limit: every benchmark node logs in from
 * loopback. Pass its path as FEDHUB_CONFIG.
 */
export function writeBenchConfig(dir: string): string {
  const file = join(dir, 'bench-config.yaml')
  writeFileSync(
    file,
    'fedhub:\n  rate_limits:\n    per_address_per_minute: 1000000\n    per_account_per_minute: 1000\n',
  )
  return file
}

/** Resident memory of a process in MiB, from `/proc/<pid>/status`. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** Nearest-rank quantile of numbers sorted ascending. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  ] as number
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const loadLine = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}`

export const print = (line: string) => process.stdout.write(`${line}\n`)
