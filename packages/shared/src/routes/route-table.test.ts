import { describe, expect, it } from 'vitest'
import { joinApiPath, resolveService, routesOf } from './route-table.ts'

describe('route table', () => {
  it.each([
    ['/api/token/user', 'auth'],
    ['/api/token/container', 'auth'],
    ['/api/recover/lost', 'auth'],
    ['/api/recover/reset', 'auth'],
    ['/api/recover/2fa/lost', 'auth'],
    ['/api/password/change', 'auth'],
    ['/api/recover/node', 'core-api'],
    ['/api/task', 'core-api'],
    ['/api/version', 'core-api'],
    ['/api', 'core-api'],
    ['/apidocs/json', 'core-api'],
    ['/socket.io/', 'socket-gateway'],
    ['/.well-known/jwks.json', 'auth'],
  ])('sends %s to %s', (path, service) => {
    expect(resolveService(path, '/api')).toBe(service)
  })

  it('leaves process routes and unknown roots to no service', () => {
    expect(resolveService('/healthz', '/api')).toBeUndefined()
    expect(resolveService('/tokens', '/api')).toBeUndefined()
    expect(resolveService('/api-other/x', '/api')).toBeUndefined()
  })

  it('follows a configured API path, with the socket path staying on the root', () => {
    expect(resolveService('/sub/api/token/user', '/sub/api')).toBe('auth')
    expect(resolveService('/sub/api/task', '/sub/api')).toBe('core-api')
    expect(resolveService('/api/task', '/sub/api')).toBeUndefined()
    expect(resolveService('/socket.io/', '/sub/api')).toBe('socket-gateway')
  })

  it('serves the API on the root when the API path is empty', () => {
    expect(resolveService('/token/node', '')).toBe('auth')
    expect(resolveService('/task/1', '')).toBe('core-api')
    expect(joinApiPath('', '/task')).toBe('/task')
  })

  it('lists the absolute paths of one service', () => {
    expect(routesOf('socket-gateway', '/api')).toEqual([
      {
        service: 'socket-gateway',
        base: 'root',
        path: '/socket.io',
        match: 'prefix',
        absolutePath: '/socket.io',
      },
    ])
    expect(routesOf('auth', '/api').map((route) => route.absolutePath)).toContain(
      '/api/password/change',
    )
  })
})
