import type { Logger } from '@fedhub/shared/logging'
import { Gauge, type Registry } from 'prom-client'

const LABELS = ['node_id', 'os', 'platform'] as const
const GPU_LABELS = [...LABELS, 'gpu_id'] as const

// What a 4.x node reports; `gpu_count` is a scalar (upstream rejects it by mistake).
const SCALARS = [
  'cpu_percent',
  'memory_percent',
  'num_algorithm_containers',
  'cpu_count',
  'memory_total',
  'memory_available',
  'gpu_count',
] as const
const PER_GPU = ['gpu_load', 'gpu_memory_used', 'gpu_memory_free', 'gpu_temperature'] as const

export interface NodeMetrics {
  /** Sets the gauges of one node's `node_metrics_update`; unknown names are logged and skipped. */
  record(nodeId: number, metrics: Record<string, unknown>): void
}

const label = (value: unknown) => (typeof value === 'string' && value !== '' ? value : 'unknown')

/** Node metrics as Prometheus gauges, under the names and labels the upstream server used. */
export function createNodeMetrics(registry: Registry, log: Logger): NodeMetrics {
  const scalars = new Map(
    SCALARS.map((name) => [
      name as string,
      new Gauge({ name, help: `node metric ${name}`, labelNames: LABELS, registers: [registry] }),
    ]),
  )
  const perGpu = new Map(
    PER_GPU.map((name) => [
      name as string,
      new Gauge({
        name,
        help: `node metric ${name}`,
        labelNames: GPU_LABELS,
        registers: [registry],
      }),
    ]),
  )
  return {
    record(nodeId, metrics) {
      const labels = {
        node_id: String(nodeId),
        os: label(metrics.os),
        platform: label(metrics.platform),
      }
      for (const [name, value] of Object.entries(metrics)) {
        if (name === 'os' || name === 'platform') continue
        const scalar = scalars.get(name)
        const gpu = perGpu.get(name)
        if (scalar !== undefined && typeof value === 'number') scalar.set(labels, value)
        else if (gpu !== undefined && Array.isArray(value)) {
          value.forEach((item, index) => {
            if (typeof item === 'number') gpu.set({ ...labels, gpu_id: String(index) }, item)
          })
        } else log.debug({ nodeId, metric: name }, 'unknown or malformed node metric skipped')
      }
    },
  }
}
