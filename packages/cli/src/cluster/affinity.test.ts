import { describe, expect, it } from 'vitest'
import { AFFINITY_COOKIE, affinityCookie, chooseGateway, pinnedReplica } from './affinity.ts'
import type { ReplicaEndpoint } from './replica-state.ts'
import { createRoundRobin } from './round-robin.ts'

const gateway = (index: number): ReplicaEndpoint => ({
  name: `socket-gateway-${index}`,
  service: 'socket-gateway',
  index,
  url: `http://127.0.0.1:${9100 + index}`,
})
const gateways = [gateway(0), gateway(1)]

describe('gateway affinity', () => {
  it('reads the pinned replica among other cookies', () => {
    expect(pinnedReplica(`io=abc; ${AFFINITY_COOKIE}=socket-gateway-1; theme=dark`)).toBe(
      'socket-gateway-1',
    )
    expect(pinnedReplica('io=abc')).toBeUndefined()
    expect(pinnedReplica(`${AFFINITY_COOKIE}=`)).toBeUndefined()
    expect(pinnedReplica(undefined)).toBeUndefined()
  })

  it('pins a new client to the next gateway and keeps a pinned client where it is', () => {
    const pool = createRoundRobin(gateways, () => true)
    expect(chooseGateway(pool, () => true, undefined)).toEqual({ replica: gateway(0), pin: true })
    const cookie = `${AFFINITY_COOKIE}=socket-gateway-0`
    for (let round = 0; round < 3; round++) {
      expect(chooseGateway(pool, () => true, cookie)).toEqual({ replica: gateway(0), pin: false })
    }
  })

  it('moves a client whose gateway is down to a live one and pins it again', () => {
    const isUp = (replica: ReplicaEndpoint) => replica.index !== 0
    const pool = createRoundRobin(gateways, isUp)
    expect(chooseGateway(pool, isUp, `${AFFINITY_COOKIE}=socket-gateway-0`)).toEqual({
      replica: gateway(1),
      pin: true,
    })
  })

  it('treats a cookie naming no replica like no cookie', () => {
    const pool = createRoundRobin(gateways, () => true)
    expect(chooseGateway(pool, () => true, `${AFFINITY_COOKIE}=elsewhere`)?.pin).toBe(true)
  })

  it('pins for the socket path only, out of reach of scripts', () => {
    expect(affinityCookie(gateway(1), '/socket.io')).toBe(
      `${AFFINITY_COOKIE}=socket-gateway-1; Path=/socket.io; HttpOnly; SameSite=Lax`,
    )
  })
})
