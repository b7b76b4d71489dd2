import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/** One Prometheus registry per process, with process metrics already registered. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return registry
}

/**
 * Counts requests and observes latency per route template (`/api/task/:id`, never the raw URL,
 * so ids do not explode the label set). Unmatched requests share the label `unmatched`.
 */
export function instrumentHttp(app: FastifyInstance, registry: Registry, service: string): void {
  const requests =
    (registry.getSingleMetric('fedhub_http_requests_total') as Counter | undefined) ??
    new Counter({
      name: 'fedhub_http_requests_total',
      help: 'HTTP requests answered, per service, method, route template and status code',
      labelNames: ['service', 'method', 'route', 'status_code'],
      registers: [registry],
    })
  const latency =
    (registry.getSingleMetric('fedhub_http_request_duration_seconds') as Histogram | undefined) ??
    new Histogram({
      name: 'fedhub_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, per service, method and route template',
      labelNames: ['service', 'method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    })
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const labels = { service, method: request.method, route }
    requests.inc({ ...labels, status_code: String(reply.statusCode) })
    latency.observe(labels, reply.elapsedTime / 1000)
  })
}

export interface MetricsServer {
  port: number
  close(): Promise<void>
}

/**
 * Serves `/metrics` on its own port, so it is never reachable through the ingress that
 * publishes the API port.
 */
export async function startMetricsServer(
  registry: Registry,
  port: number,
  host = '0.0.0.0',
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics' || request.method !== 'GET') {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ msg: 'Only GET /metrics is served on this port' }))
      return
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType })
        response.end(text)
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' })
        response.end(String(error))
      },
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
