import { describe, expect, it } from 'vitest'
import { ClusterOptionsError, resolveClusterOptions } from './options.ts'

describe('cluster options', () => {
  it('defaults to two replicas on loopback with local PostgreSQL, Redis and NATS', () => {
    expect(resolveClusterOptions({})).toMatchObject({
      port: 7601,
      host: '127.0.0.1',
      replicas: 2,
      databaseUri: 'postgresql://postgres@127.0.0.1:5432/fedhub_cluster',
      redisUrl: 'redis://127.0.0.1:6379',
      natsUrl: 'nats://127.0.0.1:4222',
      fresh: false,
    })
  })

  it('takes command-line strings and leaves out what was not given', () => {
    const options = resolveClusterOptions({ port: '0', replicas: '3', logDir: undefined })
    expect(options.port).toBe(0)
    expect(options.replicas).toBe(3)
    expect(options.logDir).toBeUndefined()
  })

  it('names every bad option at once', () => {
    let caught: unknown
    try {
      resolveClusterOptions({
        port: 'seventy',
        replicas: 0,
        databaseUri: 'sqlite:///x.sqlite',
        colour: 'red',
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ClusterOptionsError)
    const problems = (caught as ClusterOptionsError).problems.join('\n')
    for (const name of ['port', 'replicas', 'databaseUri', 'colour']) {
      expect(problems).toContain(name)
    }
  })
})
