import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readNodeFile } from './node-file.ts'

function nodeFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fedhub-node-file-')), 'nodes.yaml')
  writeFileSync(file, text)
  return file
}

describe('node file', () => {
  it('reads nodes with CSV paths relative to the file', async () => {
    const file = nodeFile(
      'server_url: http://127.0.0.1:7601\nnodes:\n  - api_key: k1\n    databases:\n      - { label: default, file: data/a.csv }\n',
    )
    const read = await readNodeFile(file)
    expect(read.serverUrl).toBe('http://127.0.0.1:7601')
    expect(read.nodes).toEqual([
      {
        apiKey: 'k1',
        serverUrl: undefined,
        socketUrl: undefined,
        databases: [{ label: 'default', file: join(file, '..', 'data', 'a.csv') }],
      },
    ])
  })

  it('lists every problem at once', async () => {
    const file = nodeFile(
      'server_url: ftp://x\nnodes:\n  - api_key: k\n    colour: blue\n    databases: [{ label: 1x, file: a }]\n',
    )
    await expect(readNodeFile(file)).rejects.toThrow(
      /server_url: must match pattern[\s\S]*nodes\.0: unknown key 'colour'[\s\S]*nodes\.0\.databases\.0\.label: must match pattern/,
    )
  })
})
