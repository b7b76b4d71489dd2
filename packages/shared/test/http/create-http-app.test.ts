import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors/index.ts'
import { createHttpApp, createMetricsRegistry, startMetricsServer } from '../../src/http/index.ts'
import { createLogger } from '../../src/logging/index.ts'
import { testConfig } from '../../src/testing/index.ts'

interface LogLine {
  level: string
  msg: string
  reqId?: string
  statusCode?: number
  route?: string
  code?: string
  [key: string]: unknown
}

function captureLogger() {
  const lines: LogLine[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  return { logger: createLogger({ level: 'debug', service: 'test' }, stream), lines }
}

const apps: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()))
})

async function buildTestApp(env: Record<string, string> = {}, ready = true) {
  const { logger, lines } = captureLogger()
  const registry = createMetricsRegistry()
  const app = await createHttpApp({
    config: testConfig(env),
    service: 'test',
    registry,
    logger,
    readiness: [{ name: 'database', check: async () => ready }],
    serveApiDocs: true,
  })
  app.post(
    '/api/thing',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            count: { type: 'integer' },
            note: { type: ['string', 'null'] },
          },
          required: ['name'],
          additionalProperties: false,
        },
        response: {
          201: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              note: { type: ['string', 'null'] },
            },
            required: ['name', 'note'],
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; note?: string | null }
      return reply.status(201).send({ name: body.name, note: body.note ?? null })
    },
  )
  app.get(
    '/api/thing/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } } },
        querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1 } } },
      },
    },
    async (request) => ({ params: request.params, query: request.query }),
  )
  app.delete('/api/thing', async () => ({ msg: 'deleted' }))
  app.get('/api/broken', async () => {
    throw new Error('database password is hunter2')
  })
  app.get('/api/denied', async () => {
    throw new AppError('auth.permission_denied', 'You lack the permission to do that!', {
      status: 401,
    })
  })
  apps.push(app)
  return { app, lines, registry }
}

describe('http plumbing', () => {
  it('reports every body problem at once, with vantage6 field messages', async () => {
    const { app } = await buildTestApp()
    const response = await app.inject({
      method: 'POST',
      url: '/api/thing',
      payload: { count: '5', colour: 'red' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      msg: 'Request body is incorrect',
      errors: {
        name: ['Missing data for required field.'],
        colour: ['Unknown field.'],
        count: ['Must be integer.'],
      },
    })
  })

  it('serialises absent nullable fields as null', async () => {
    const { app } = await buildTestApp()
    const response = await app.inject({ method: 'POST', url: '/api/thing', payload: { name: 'a' } })
    expect(response.statusCode).toBe(201)
    expect(response.body).toBe('{"name":"a","note":null}')
  })

  it('coerces query strings and path parameters, and rejects bad ones with 400', async () => {
    const { app } = await buildTestApp()
    const ok = await app.inject({ method: 'GET', url: '/api/thing/7?page=2' })
    expect(ok.json()).toEqual({ params: { id: 7 }, query: { page: 2 } })
    const bad = await app.inject({ method: 'GET', url: '/api/thing/7?page=zero' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({
      msg: 'Query parameters are incorrect',
      errors: { page: ['Must be integer.'] },
    })
  })

  it('accepts an empty JSON body on a body-less DELETE', async () => {
    const { app } = await buildTestApp()
    const response = await app.inject({
      method: 'DELETE',
      url: '/api/thing',
      headers: { 'content-type': 'application/json' },
      payload: '',
    })
    expect(response.statusCode).toBe(200)
  })

  it('answers malformed JSON, other media types and oversized bodies with a clear 4xx', async () => {
    const { app } = await buildTestApp({ FEDHUB_BODY_LIMIT_MB: '0.001' })
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/thing',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json()).toEqual({ msg: 'Request body is incorrect: it is not valid JSON' })
    const text = await app.inject({
      method: 'POST',
      url: '/api/thing',
      headers: { 'content-type': 'application/xml' },
      payload: '<thing/>',
    })
    expect(text.statusCode).toBe(415)
    expect(text.json()).toEqual({
      msg: "Content type 'application/xml' is not supported; send application/json",
    })
    const plain = await app.inject({
      method: 'POST',
      url: '/api/thing',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    })
    expect(plain.statusCode).toBe(415)
    const large = await app.inject({
      method: 'POST',
      url: '/api/thing',
      payload: { name: 'x'.repeat(5000) },
    })
    expect(large.statusCode).toBe(413)
    expect(large.json()).toEqual({
      msg: 'Request body is larger than the limit of 1048 bytes',
    })
  })

  it('hides unexpected errors behind the upstream 500 text and logs them with the request id', async () => {
    const { app, lines } = await buildTestApp()
    const response = await app.inject({
      method: 'GET',
      url: '/api/broken',
      headers: { 'x-request-id': 'trace-0001-abcd' },
    })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ msg: 'An unexpected error occurred on the server!' })
    expect(response.headers['x-request-id']).toBe('trace-0001-abcd')
    const failure = lines.find((line) => line.msg === 'request failed')
    expect(failure).toMatchObject({ level: 'error', reqId: 'trace-0001-abcd' })
    expect(JSON.stringify(response.json())).not.toContain('hunter2')
  })

  it('logs one info line per request, 4xx included with its code, and replaces bad request ids', async () => {
    const { app, lines } = await buildTestApp()
    const response = await app.inject({
      method: 'GET',
      url: '/api/denied',
      headers: { 'x-request-id': 'bad id\n{"level":"fatal"}' },
    })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({ msg: 'You lack the permission to do that!' })
    const completed = lines.filter((line) => line.msg === 'request completed')
    expect(completed).toHaveLength(1)
    expect(completed[0]).toMatchObject({
      level: 'info',
      statusCode: 401,
      route: '/api/denied',
      code: 'auth.permission_denied',
    })
    expect(completed[0]?.reqId).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers['x-request-id']).toBe(completed[0]?.reqId)
  })

  it('answers unknown routes with a vantage6 404', async () => {
    const { app } = await buildTestApp()
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ msg: 'No endpoint GET /api/nothing-here' })
  })

  it('exposes total-count and Link to browser clients', async () => {
    const { app } = await buildTestApp()
    const open = await app.inject({
      method: 'GET',
      url: '/api/thing/1',
      headers: { origin: 'https://ui.example.org' },
    })
    expect(open.headers['access-control-allow-origin']).toBe('https://ui.example.org')
    expect(open.headers['access-control-expose-headers']).toBe('total-count, Link')
  })

  it('serves health, readiness and the OpenAPI document', async () => {
    const ready = await buildTestApp()
    expect((await ready.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
    })
    const readyz = await ready.app.inject({ method: 'GET', url: '/readyz' })
    expect(readyz.statusCode).toBe(200)
    expect(readyz.json()).toEqual({ ready: true, dependencies: { database: true } })
    const doc = await ready.app.inject({ method: 'GET', url: '/apidocs/json' })
    expect(doc.statusCode).toBe(200)
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/thing', '/api/thing/{id}']),
    )
    expect(Object.keys(doc.json().paths)).not.toContain('/healthz')
    // Answered probes are logged at debug, so they do not bury the requests of users.
    const probeLines = ready.lines.filter((line) => line.msg === 'request completed')
    expect(probeLines.map((line) => [line.route, line.level])).toEqual([
      ['/healthz', 'debug'],
      ['/readyz', 'debug'],
      ['/apidocs/json', 'info'],
    ])
    const notReady = await buildTestApp({}, false)
    const down = await notReady.app.inject({ method: 'GET', url: '/readyz' })
    expect(down.statusCode).toBe(503)
    expect(down.json()).toEqual({ ready: false, dependencies: { database: false } })
  })

  it('counts requests per route template on a separate metrics port', async () => {
    const { app, registry } = await buildTestApp()
    await app.inject({ method: 'GET', url: '/api/thing/1' })
    await app.inject({ method: 'GET', url: '/api/thing/2' })
    const metrics = await startMetricsServer(registry, 0, '127.0.0.1')
    try {
      const text = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text()
      expect(text).toContain(
        'fedhub_http_requests_total{service="test",method="GET",route="/api/thing/:id",status_code="200"} 2',
      )
      expect(text).toContain('fedhub_http_request_duration_seconds_bucket')
      expect(text).toContain('process_cpu_user_seconds_total')
      expect((await fetch(`http://127.0.0.1:${metrics.port}/other`)).status).toBe(404)
    } finally {
      await metrics.close()
    }
  })
})
