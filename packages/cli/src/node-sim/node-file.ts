import { readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { type Static, Type } from 'typebox'
import { parse as parseYaml, stringify as toYaml } from 'yaml'
import type { NodeSpec } from './fleet.ts'
import { schemaChecker } from './schema-check.ts'

const DatabaseEntry = Type.Object(
  {
    label: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    /** CSV file; a relative path is read from the node file's folder. */
    file: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
)

const NodeEntry = Type.Object(
  {
    api_key: Type.String({ minLength: 1 }),
    server_url: Type.Optional(Type.String({ pattern: '^https?://' })),
    socket_url: Type.Optional(Type.String({ pattern: '^https?://' })),
    databases: Type.Optional(Type.Array(DatabaseEntry)),
  },
  { additionalProperties: false },
)

/** A file describing simulated nodes (YAML or JSON). */
export const NodeFileSchema = Type.Object(
  {
    server_url: Type.String({ pattern: '^https?://' }),
    api_path: Type.Optional(Type.String({ pattern: '^(/[A-Za-z0-9._~-]+)*/?$' })),
    socket_urls: Type.Optional(Type.Array(Type.String({ pattern: '^https?://' }), { minItems: 1 })),
    nodes: Type.Array(NodeEntry, { minItems: 1 }),
  },
  { additionalProperties: false },
)

export type NodeFile = Static<typeof NodeFileSchema>

const checkNodeFile = schemaChecker<NodeFile>(NodeFileSchema)

export interface NodeFileContents {
  serverUrl: string
  apiPath?: string
  socketUrls?: string[]
  nodes: NodeSpec[]
}

/**
 * Reads a node file; throws one message listing every problem. Example:
 *
 * ```yaml
 * server_url: http://127.0.0.1:7601
 * nodes:
 *   - api_key: 2f1c…
 *     databases: [{ label: default, file: data/a.csv }]
 * ```
 */
export async function readNodeFile(file: string): Promise<NodeFileContents> {
  let parsed: unknown
  try {
    parsed = parseYaml(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read node file ${file}: ${(error as Error).message}`)
  }
  const checked = checkNodeFile(parsed)
  if (!checked.ok)
    throw new Error(`node file ${file} is not valid:\n  ${checked.problems.join('\n  ')}`)
  const folder = dirname(resolve(file))
  return {
    serverUrl: checked.value.server_url,
    apiPath: checked.value.api_path,
    socketUrls: checked.value.socket_urls,
    nodes: checked.value.nodes.map((node) => ({
      apiKey: node.api_key,
      serverUrl: node.server_url,
      socketUrl: node.socket_url,
      databases: (node.databases ?? []).map((db) => ({
        label: db.label,
        file: resolve(folder, db.file),
      })),
    })),
  }
}

/**
 * Writes a node file that `readNodeFile` reads back, so that nodes provisioned once can be
 * started again without new keys. It holds API keys: readable by its owner only.
 */
export async function writeNodeFile(file: string, contents: NodeFileContents): Promise<void> {
  const document: NodeFile = {
    server_url: contents.serverUrl,
    ...(contents.apiPath === undefined ? {} : { api_path: contents.apiPath }),
    ...(contents.socketUrls === undefined ? {} : { socket_urls: contents.socketUrls }),
    nodes: contents.nodes.map((node) => ({
      api_key: node.apiKey,
      ...(node.serverUrl === undefined ? {} : { server_url: node.serverUrl }),
      ...(node.socketUrl === undefined ? {} : { socket_url: node.socketUrl }),
      databases: node.databases.map((db) => ({ label: db.label, file: resolve(db.file) })),
    })),
  }
  await writeFile(file, toYaml(document), { mode: 0o600 })
}
