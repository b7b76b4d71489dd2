import type { ReplicaEndpoint } from './replica-state.ts'

/** Picks the replicas of one service in turn. */
export interface RoundRobin {
  /** The next live replica that is not in `skip`, or undefined when none is left. */
  next(skip?: ReadonlySet<string>): ReplicaEndpoint | undefined
  byName(name: string): ReplicaEndpoint | undefined
  readonly size: number
}

/**
 * Round robin over the replicas of one service, passing over those `isUp` rejects, so a replica
 * that went down gets no traffic and the others share its part evenly.
 *
 * @example
 * const pool = createRoundRobin(coreApiReplicas, (replica) => states.isUp(replica))
 * pool.next()?.name // 'core-api-0', then 'core-api-1', …
 */
export function createRoundRobin(
  replicas: readonly ReplicaEndpoint[],
  isUp: (replica: ReplicaEndpoint) => boolean,
): RoundRobin {
  let cursor = 0
  return {
    next(skip = new Set()) {
      for (let step = 0; step < replicas.length; step++) {
        const replica = replicas[(cursor + step) % replicas.length]
        if (replica === undefined || skip.has(replica.name) || !isUp(replica)) continue
        cursor = (cursor + step + 1) % replicas.length
        return replica
      }
      return undefined
    },
    byName: (name) => replicas.find((replica) => replica.name === name),
    size: replicas.length,
  }
}
