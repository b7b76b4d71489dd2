import type { FastifyInstance } from 'fastify'
import { decodeJwt, decodeProtectedHeader } from 'jose'

export interface Answer {
  status: number
  body: Record<string, unknown>
  headers: Record<string, unknown>
}

/** Sends a JSON request through inject and answers status, parsed body and headers. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await app.inject({
    method,
    url,
    headers,
    ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
  })
  const text = response.body
  return {
    status: response.statusCode,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  }
}

/** The claims of a token as clients read them: decoded, not verified. */
export function claimsOf(token: unknown): Record<string, unknown> {
  return decodeJwt(String(token)) as Record<string, unknown>
}

export function headerOf(token: unknown): Record<string, unknown> {
  return decodeProtectedHeader(String(token)) as Record<string, unknown>
}

export const login = (app: FastifyInstance, username: string, password: string, extra = {}) =>
  call(app, 'POST', '/api/token/user', { body: { username, password, ...extra } })

/** Polls until `check` answers a value, for work auth does after answering. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
