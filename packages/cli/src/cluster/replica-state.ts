import type { ClusterService } from './options.ts'

/** One replica as the entry point sees it: where it listens and what it is called. */
export interface ReplicaEndpoint {
  /** `core-api-0`, `socket-gateway-1`: shown in the `x-fedhub-replica` header and logs. */
  name: string
  service: ClusterService
  index: number
  url: string
}

export type ReplicaChange = (replica: ReplicaEndpoint, up: boolean, reason: string) => void

interface Status {
  running: boolean
  healthy: boolean
  failedProbes: number
}

/**
 * Whether each replica can take traffic: its process runs and its last health probe answered.
 * A probe failure alone is not trusted until it repeats (a busy replica on a two-core machine
 * can miss one deadline); a refused connection or an exit is trusted at once.
 */
export class ReplicaStates {
  readonly #status = new Map<string, Status>()
  readonly #onChange: ReplicaChange

  constructor(onChange: ReplicaChange = () => {}) {
    this.#onChange = onChange
  }

  isUp(replica: ReplicaEndpoint): boolean {
    const status = this.#status.get(replica.name)
    return status?.running === true && status.healthy
  }

  /** A new process was spawned: it takes traffic once its first probe answers. */
  started(replica: ReplicaEndpoint): void {
    this.#update(replica, { running: true, healthy: false, failedProbes: 0 }, 'started')
  }

  exited(replica: ReplicaEndpoint): void {
    this.#update(replica, { running: false, healthy: false, failedProbes: 0 }, 'process exited')
  }

  probeAnswered(replica: ReplicaEndpoint): void {
    const status = this.#get(replica)
    this.#update(replica, { ...status, healthy: status.running, failedProbes: 0 }, 'probe answered')
  }

  probeFailed(replica: ReplicaEndpoint, threshold: number): void {
    const status = this.#get(replica)
    const failedProbes = status.failedProbes + 1
    const healthy = status.healthy && failedProbes < threshold
    this.#update(replica, { ...status, healthy, failedProbes }, 'health probes failed')
  }

  /** The proxy could not connect: nothing listens there, so stop sending at once. */
  refused(replica: ReplicaEndpoint): void {
    const status = this.#get(replica)
    this.#update(replica, { ...status, healthy: false }, 'connection refused')
  }

  #get(replica: ReplicaEndpoint): Status {
    return this.#status.get(replica.name) ?? { running: false, healthy: false, failedProbes: 0 }
  }

  #update(replica: ReplicaEndpoint, next: Status, reason: string): void {
    const wasUp = this.isUp(replica)
    this.#status.set(replica.name, next)
    const isUp = this.isUp(replica)
    if (wasUp !== isUp) this.#onChange(replica, isUp, reason)
  }
}
