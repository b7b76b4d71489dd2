import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONSUMERS, EVENTS, STREAMS } from '@fedhub/shared/events'
import { createMetricsRegistry } from '@fedhub/shared/http'
import type { ServiceContext } from '@fedhub/shared/runtime'
import { testConfig } from '@fedhub/shared/testing'
import { createInProcessBus, createMemoryStore } from '@fedhub/shared/transports'
import { afterEach, describe, expect, it } from 'vitest'
import { createMailer } from '../src/service.ts'
import { resetEvent } from './events.ts'
import { captureLogs, eventually } from './harness.ts'

const TOKEN = 'standalone-token-Q7'

describe('mailer standalone', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('writes each mail as an .eml file in <dataDir>/mail and logs its name', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fedhub-mailer-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const logs = captureLogs()
    const bus = createInProcessBus({ logger: logs.logger })
    const kv = createMemoryStore()
    cleanups.push(async () => {
      await bus.close()
      await kv.close()
    })
    await bus.ensureStreams([...STREAMS], [...CONSUMERS])
    const context: ServiceContext = {
      config: testConfig({ FEDHUB_DATA_DIR: dataDir }),
      logger: logs.logger,
      bus,
      kv,
      registry: createMetricsRegistry(),
      publicKeys: undefined,
      readiness: [],
      openOrm: () => Promise.reject(new Error('the mailer has no database')),
    }
    expect(context.config.smtp).toBeUndefined()
    const mailer = await createMailer(context)
    await mailer.start!()
    cleanups.push(async () => mailer.stop!())

    await bus.publish(EVENTS.resetTokenMail.subject, resetEvent(3, TOKEN), { messageId: '41' })
    const folder = join(dataDir, 'mail')
    const emlFiles = async () =>
      (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.eml'))
    await eventually(async () => ((await emlFiles()).length > 0 ? true : undefined))
    // The same outbox row again (a redelivery): no second file.
    await bus.publish(EVENTS.resetTokenMail.subject, resetEvent(3, TOKEN), {
      messageId: '41-again',
      headers: { 'fedhub-mail-id': '41' },
    })
    await eventually(() => (logs.text().includes('repeated delivery skipped') ? true : undefined))
    const files = await emlFiles()
    expect(files).toHaveLength(1)
    const eml = await readFile(join(folder, files[0]!), 'utf8')
    expect(eml).toMatch(/^To: user3@example.test$/m)
    expect(eml).toMatch(/^Subject: Password reset vantage6$/m)
    expect(eml).toContain(TOKEN)
    expect(logs.text()).toContain(files[0])
    expect(logs.text()).not.toContain(TOKEN)
    expect(context.readiness.map((check) => check.name)).not.toContain('smtp')
  })
})
