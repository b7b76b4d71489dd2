import { allocateJobId, type FedhubOrm, writeOutbox } from '@fedhub/shared/data'
import { Collaboration, Task } from '@fedhub/shared/entities'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/data/index.ts'
import { createTestDatabase, DRIVERS, type TestDatabase } from './test-db.ts'

describe.each(DRIVERS)('job-id allocation on %s', (driver) => {
  let db: TestDatabase
  let orm: FedhubOrm

  beforeAll(async () => {
    db = await createTestDatabase(driver)
    orm = await db.open()
    await runMigrations(orm)
  })
  afterAll(() => db.drop())

  it('gives 50 parallel task transactions 50 different job ids', async () => {
    const collab = orm.em.fork().create(Collaboration, { name: 'c' })
    await orm.em.fork().persistAndFlush(collab)
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        orm.em.fork().transactional(async (tx) => {
          const jobId = await allocateJobId(tx)
          tx.create(Task, { name: `t${i}`, jobId, collaboration: collab.id, createdAt: new Date() })
          writeOutbox(tx, 'task.created', { jobId })
          return jobId
        }),
      ),
    )
    expect(new Set(ids).size).toBe(50)
    expect(Math.min(...ids)).toBe(1)
    const stored = await orm.em.fork().find(Task, {}, { fields: ['jobId'] })
    expect(new Set(stored.map((t) => t.jobId)).size).toBe(50)
  })

  it('continues after the highest id handed out', async () => {
    const next = await orm.em.fork().transactional((tx) => allocateJobId(tx))
    expect(next).toBe(51)
  })
})
