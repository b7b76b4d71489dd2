import { describe, expect, it } from 'vitest'
import { ContainerClient } from '../container-client.ts'
import type { CsvDatabase } from '../csv-database.ts'
import { timingsWith } from '../timings.ts'
import { algorithmForImage } from './index.ts'
import type { AlgorithmContext } from './types.ts'

const database: CsvDatabase = {
  label: 'default',
  columns: ['age', 'city'],
  rows: [
    { age: '30', city: 'Ghent' },
    { age: '', city: 'Bern' },
    { age: '42.5', city: '' },
  ],
}

function contextFor(method: string, kwargs: Record<string, unknown>): AlgorithmContext {
  return {
    input: { method, args: [], kwargs },
    databases: [database],
    signal: new AbortController().signal,
    log: () => {},
    // Partial methods never call the server; a token with an object subject is all it needs.
    container: new ContainerClient(
      { serverUrl: 'http://127.0.0.1:1', apiPath: '/api' },
      `x.${Buffer.from('{"sub":{}}').toString('base64url')}.y`,
      timingsWith({ connectionRetryMs: 1 }),
      new AbortController().signal,
    ),
  }
}

describe('built-in algorithms', () => {
  it('finds an image by name whatever its registry, tag or digest', () => {
    expect(algorithmForImage('fedhub/mean')).toBeDefined()
    expect(algorithmForImage('registry.example:5000/fedhub/mean:1.2')).toBe(
      algorithmForImage('fedhub/mean'),
    )
    expect(algorithmForImage('fedhub/count@sha256:abc')).toBeDefined()
    expect(algorithmForImage('harbor2.vantage6.ai/algorithms/basics')).toBeUndefined()
    expect(algorithmForImage('mean')).toBeUndefined()
  })

  it('sums and counts the numeric cells of a column, leaving blanks out', async () => {
    const partial = algorithmForImage('fedhub/mean')?.partial
    expect(await partial?.(contextFor('partial', { column: 'age' }))).toEqual({
      sum: 72.5,
      count: 2,
    })
  })

  it('refuses a column the database does not have, naming it', async () => {
    const partial = algorithmForImage('fedhub/mean')?.partial
    await expect(partial?.(contextFor('partial', { column: 'weight' }))).rejects.toThrow(
      "database 'default' has no column 'weight'",
    )
  })

  it('counts every row, or the rows with a value in a column', async () => {
    const partial = algorithmForImage('fedhub/count')?.partial
    expect(await partial?.(contextFor('partial', {}))).toEqual({ count: 3 })
    expect(await partial?.(contextFor('partial', { column: 'city' }))).toEqual({ count: 2 })
  })
})
