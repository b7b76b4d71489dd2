import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.ts'
import { captureLogs, type MailerWorld, mailerContext, suiteNames } from './harness.ts'
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts'

describe('mailer readiness', () => {
  let world: MailerWorld | undefined
  let sink: SmtpSink | undefined
  afterEach(async () => {
    await world?.close()
    await sink?.close()
  })

  it('reports the bus and the SMTP connection on /readyz', async () => {
    sink = await startSmtpSink()
    world = await mailerContext(suiteNames(), { smtpPort: sink.port, logger: captureLogs().logger })
    const app = await buildApp(world.context)
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(200)
      expect(ready.json()).toEqual({ ready: true, dependencies: { bus: true, smtp: true } })
    } finally {
      await app.close()
    }
  })

  it('is not ready while the SMTP server is unreachable', async () => {
    sink = await startSmtpSink()
    const port = sink.port
    await sink.close()
    sink = undefined
    world = await mailerContext(suiteNames(), { smtpPort: port, logger: captureLogs().logger })
    const app = await buildApp(world.context)
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json()).toEqual({ ready: false, dependencies: { bus: true, smtp: false } })
    } finally {
      await app.close()
    }
  })
})
