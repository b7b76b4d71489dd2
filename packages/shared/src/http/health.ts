import type { FastifyInstance } from 'fastify'

/** A dependency `/readyz` reports on: answers true when usable. */
export interface ReadinessCheck {
  name: string
  check(): Promise<boolean>
}

const CHECK_TIMEOUT_MS = 2_000

/** Probe paths every process answers for itself, outside the API path and the route table. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz'])

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)
  })
  try {
    return await Promise.race([check.check().catch(() => false), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/healthz` answers while the process runs; `/readyz` answers 200 only when every dependency
 * check passes, and names each one, so a probe and a person see the same thing. Both sit
 * outside the API path and are left out of the OpenAPI document.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: () => ReadinessCheck[]): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const list = checks()
    const results = await Promise.all(list.map(runCheck))
    const dependencies = Object.fromEntries(list.map((check, i) => [check.name, results[i]]))
    const ready = results.every(Boolean)
    return reply.status(ready ? 200 : 503).send({ ready, dependencies })
  })
}
