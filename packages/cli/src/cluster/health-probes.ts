import type { ReplicaEndpoint, ReplicaStates } from './replica-state.ts'

/** Consecutive failed probes after which a running replica is taken out of rotation. */
export const FAILED_PROBES_TO_DOWN = 2

export interface HealthProbes {
  /** Probes one replica now; resolves true when it answered. */
  probe(replica: ReplicaEndpoint): Promise<boolean>
  stop(): void
}

/**
 * Asks every replica's `/healthz` on an interval and records the answers. This is what notices
 * a replica that is alive but hung (SIGSTOP, a blocked event loop): its process has not exited,
 * but it no longer answers within the timeout.
 */
export function startHealthProbes(
  replicas: readonly ReplicaEndpoint[],
  states: ReplicaStates,
  settings: { intervalMs: number; timeoutMs: number },
): HealthProbes {
  const inFlight = new Set<string>()

  async function probe(replica: ReplicaEndpoint): Promise<boolean> {
    let answered = false
    try {
      const response = await fetch(`${replica.url}/healthz`, {
        signal: AbortSignal.timeout(settings.timeoutMs),
      })
      answered = response.ok
      await response.body?.cancel()
    } catch {
      answered = false
    }
    if (answered) states.probeAnswered(replica)
    else states.probeFailed(replica, FAILED_PROBES_TO_DOWN)
    return answered
  }

  const timer = setInterval(() => {
    for (const replica of replicas) {
      // A hung replica must not pile up probes: one at a time per replica.
      if (inFlight.has(replica.name)) continue
      inFlight.add(replica.name)
      void probe(replica).finally(() => inFlight.delete(replica.name))
    }
  }, settings.intervalMs)
  timer.unref()
  return { probe, stop: () => clearInterval(timer) }
}
