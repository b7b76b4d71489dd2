import { describe, expect, it } from 'vitest'
import { FAILED_PROBES_TO_DOWN } from './health-probes.ts'
import { type ReplicaEndpoint, ReplicaStates } from './replica-state.ts'

const auth: ReplicaEndpoint = {
  name: 'auth-0',
  service: 'auth',
  index: 0,
  url: 'http://127.0.0.1:9200',
}

describe('replica states', () => {
  it('takes traffic only after the first answered probe of a running process', () => {
    const states = new ReplicaStates()
    expect(states.isUp(auth)).toBe(false)
    states.probeAnswered(auth)
    expect(states.isUp(auth)).toBe(false)
    states.started(auth)
    expect(states.isUp(auth)).toBe(false)
    states.probeAnswered(auth)
    expect(states.isUp(auth)).toBe(true)
  })

  it('forgives a single missed probe but not repeated ones', () => {
    const changes: string[] = []
    const states = new ReplicaStates((replica, up, reason) =>
      changes.push(`${replica.name} ${up ? 'up' : 'down'}: ${reason}`),
    )
    states.started(auth)
    states.probeAnswered(auth)
    states.probeFailed(auth, FAILED_PROBES_TO_DOWN)
    expect(states.isUp(auth)).toBe(true)
    states.probeFailed(auth, FAILED_PROBES_TO_DOWN)
    expect(states.isUp(auth)).toBe(false)
    states.probeAnswered(auth)
    expect(changes).toEqual([
      'auth-0 up: probe answered',
      'auth-0 down: health probes failed',
      'auth-0 up: probe answered',
    ])
  })

  it('goes down at once when the process exits or refuses a connection', () => {
    const states = new ReplicaStates()
    states.started(auth)
    states.probeAnswered(auth)
    states.refused(auth)
    expect(states.isUp(auth)).toBe(false)
    states.probeAnswered(auth)
    states.exited(auth)
    expect(states.isUp(auth)).toBe(false)
    states.probeAnswered(auth)
    expect(states.isUp(auth)).toBe(false)
  })
})
