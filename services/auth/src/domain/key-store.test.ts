import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keyFileOf, loadSigningKeys } from './key-store.ts'

describe('loadSigningKeys', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fedhub-keys-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('gives services that start together the same generated key', async () => {
    const sets = await Promise.all([1, 2, 3].map(() => loadSigningKeys(dir, { generate: true })))
    const kids = new Set(sets.map((set) => set.keys[0]?.kid))
    expect(kids.size).toBe(1)
    const stored = JSON.parse(await readFile(keyFileOf(dir), 'utf8')) as {
      keys: Array<{ kid: string }>
    }
    expect(stored.keys[0]?.kid).toBe(sets[0]?.keys[0]?.kid)
  })

  it('refuses to invent keys when it may not', async () => {
    await expect(loadSigningKeys(dir, { generate: false })).rejects.toThrow(/fedhub keys rotate/)
  })
})
