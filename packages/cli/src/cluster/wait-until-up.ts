import { setTimeout as delay } from 'node:timers/promises'
import type { HealthProbes } from './health-probes.ts'
import type { ReplicaProcess } from './replica-process.ts'
import type { ReplicaStates } from './replica-state.ts'

/**
 * Waits until a freshly spawned replica answers its health probe, probing every `intervalMs`.
 * Fails with the replica's last lines when it exits first or misses the deadline, so a refused
 * start (an old schema, a taken port) reads as the replica's own sentence.
 */
export async function waitUntilUp(
  replica: ReplicaProcess,
  states: ReplicaStates,
  probes: HealthProbes,
  timeoutMs: number,
  intervalMs: number,
): Promise<void> {
  const { name } = replica.endpoint
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!replica.running) throw new Error(`${name} exited while starting:\n${replica.tail()}`)
    if ((await probes.probe(replica.endpoint)) && states.isUp(replica.endpoint)) return
    await delay(intervalMs)
  }
  throw new Error(`${name} did not answer /healthz within ${timeoutMs} ms:\n${replica.tail()}`)
}
