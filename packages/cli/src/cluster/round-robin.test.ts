import { describe, expect, it } from 'vitest'
import type { ReplicaEndpoint } from './replica-state.ts'
import { createRoundRobin } from './round-robin.ts'

const replica = (index: number): ReplicaEndpoint => ({
  name: `core-api-${index}`,
  service: 'core-api',
  index,
  url: `http://127.0.0.1:${9000 + index}`,
})
const replicas = [replica(0), replica(1), replica(2)]

describe('round robin over replicas', () => {
  it('takes the replicas in turn', () => {
    const pool = createRoundRobin(replicas, () => true)
    expect([1, 2, 3, 4].map(() => pool.next()?.name)).toEqual([
      'core-api-0',
      'core-api-1',
      'core-api-2',
      'core-api-0',
    ])
  })

  it('passes over a replica that is down and shares its part among the others', () => {
    const down = new Set(['core-api-1'])
    const pool = createRoundRobin(replicas, (candidate) => !down.has(candidate.name))
    expect([1, 2, 3, 4].map(() => pool.next()?.name)).toEqual([
      'core-api-0',
      'core-api-2',
      'core-api-0',
      'core-api-2',
    ])
    down.clear()
    expect([1, 2, 3].map(() => pool.next()?.name).sort()).toEqual([
      'core-api-0',
      'core-api-1',
      'core-api-2',
    ])
  })

  it('skips replicas a request already tried, and gives up when none is left', () => {
    const pool = createRoundRobin(replicas, (candidate) => candidate.index !== 2)
    expect(pool.next(new Set(['core-api-0']))?.name).toBe('core-api-1')
    expect(pool.next(new Set(['core-api-0', 'core-api-1']))).toBeUndefined()
  })
})
