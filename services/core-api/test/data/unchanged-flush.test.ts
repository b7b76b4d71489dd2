import { Writable } from 'node:stream'
import { parseDatabaseUri } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm, withRequestContext } from '@fedhub/shared/data'
import {
  Authenticatable,
  Collaboration,
  Organization,
  Outbox,
  Run,
  Task,
  User,
} from '@fedhub/shared/entities'
import { createLogger } from '@fedhub/shared/logging'
import { createScratchDatabase, type ScratchDatabase } from '@fedhub/shared/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/data/index.ts'
import { DRIVERS } from './test-db.ts'

// Loading an entity and flushing must not write its timestamps back: a spurious change would
// issue an UPDATE and bump the optimistic-lock version behind every caller's back.

const CREATED = new Date('2024-06-30T23:59:58.123Z')
const ASSIGNED = new Date('2024-07-01T00:00:01.007Z')
const SEEN = new Date('2024-01-02T03:04:05.600Z')

describe.each(DRIVERS)('flushing loaded entities with timestamps on %s', (driver) => {
  let scratch: ScratchDatabase
  let orm: FedhubOrm
  const statements: string[] = []

  // Captures every SQL statement the ORM logs, so a test can assert what a flush sent.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue
        const entry = JSON.parse(line) as { namespace?: string; msg?: string }
        if (entry.namespace === 'query' && entry.msg !== undefined) statements.push(entry.msg)
      }
      done()
    },
  })
  const writes = () => statements.filter((sql) => /^\s*(update|insert|delete)\b/i.test(sql))

  beforeAll(async () => {
    scratch = await createScratchDatabase(driver)
    const config = { database: parseDatabaseUri(scratch.uri, '/') }
    orm = await createOrm(config, createLogger({ level: 'debug', service: 'test' }, sink))
    await runMigrations(orm)
    await withRequestContext(orm, async (em) => {
      const org = em.create(Organization, { name: 'Org' })
      const collab = em.create(Collaboration, { name: 'Collab', encrypted: false })
      collab.organizations.add(org)
      const identity = em.create(Authenticatable, {
        type: 'user',
        lastSeen: SEEN,
        tokenVersion: 0,
      })
      await em.flush()
      const user = em.create(User, {
        id: identity.id,
        username: 'u',
        organization: org,
        lastLoginAttempt: SEEN,
      })
      const task = em.create(Task, {
        name: 'parent',
        collaboration: collab,
        jobId: 1,
        initUser: user,
        createdAt: CREATED,
      })
      em.create(Task, {
        name: 'child',
        collaboration: collab,
        jobId: 1,
        parent: task,
        createdAt: CREATED,
      })
      em.create(Run, { task, organization: org, status: 'pending', assignedAt: ASSIGNED })
      em.create(Outbox, { subject: 'task.created', payload: {}, createdAt: CREATED })
      await em.flush()
    })
  })
  afterAll(async () => {
    await orm?.close(true)
    await scratch?.drop()
  })
  beforeEach(() => {
    statements.length = 0
  })

  async function storedVersions() {
    const em = orm.em.fork()
    const task = await em.findOneOrFail(Task, { name: 'parent' })
    const run = await em.findOneOrFail(Run, { status: 'pending' })
    const user = await em.findOneOrFail(User, { username: 'u' })
    return { task: task.version, run: run.version, user: user.version }
  }

  it('issues no UPDATE when nothing changed', async () => {
    const before = await storedVersions()
    const em = orm.em.fork()
    const task = await em.findOneOrFail(
      Task,
      { name: 'parent' },
      { populate: ['runs', 'children', 'initUser.authenticatable'] },
    )
    expect(task.createdAt?.toISOString()).toBe(CREATED.toISOString())
    const event = await em.findOneOrFail(Outbox, { subject: 'task.created' })
    expect(event.createdAt.getTime()).toBe(CREATED.getTime())
    em.getUnitOfWork().computeChangeSets()
    const changed = em
      .getUnitOfWork()
      .getChangeSets()
      .map((cs) => `${cs.name}: ${Object.keys(cs.payload).join(', ')}`)
    expect(changed).toEqual([])
    statements.length = 0
    await em.flush()
    expect(writes()).toEqual([])
    expect(await storedVersions()).toEqual(before)
  })

  it('keeps timestamps to the millisecond when another field changes', async () => {
    const before = await storedVersions()
    const em = orm.em.fork()
    const task = await em.findOneOrFail(Task, { name: 'parent' }, { populate: ['runs'] })
    const run = task.runs.getItems()[0]
    if (run === undefined) throw new Error('run missing')
    task.description = 'edited'
    run.log = 'edited'
    statements.length = 0
    await em.flush()
    const updates = writes()
    expect(updates).toHaveLength(2)
    // Only the edited columns and the version move; no timestamp column is rewritten.
    for (const sql of updates) expect(sql).not.toMatch(/created_at|assigned_at/)

    const fresh = orm.em.fork()
    const reloaded = await fresh.findOneOrFail(Task, { name: 'parent' }, { populate: ['runs'] })
    expect(reloaded.description).toBe('edited')
    expect(reloaded.createdAt?.getTime()).toBe(CREATED.getTime())
    expect(reloaded.runs.getItems()[0]?.assignedAt?.getTime()).toBe(ASSIGNED.getTime())
    expect(await storedVersions()).toEqual({
      ...before,
      task: before.task + 1,
      run: before.run + 1,
    })
  })

  it('writes a changed timestamp exactly', async () => {
    const em = orm.em.fork()
    const run = await em.findOneOrFail(Run, { status: 'pending' })
    const started = new Date('2024-07-01T00:00:02.999Z')
    run.startedAt = started
    await em.flush()
    const reloaded = await orm.em.fork().findOneOrFail(Run, { status: 'pending' })
    expect(reloaded.startedAt?.getTime()).toBe(started.getTime())
    expect(reloaded.assignedAt?.getTime()).toBe(ASSIGNED.getTime())
  })

  it('lets a loaded task be deleted natively and the context flushed', async () => {
    const em = orm.em.fork()
    const child = await em.findOneOrFail(Task, { name: 'child' })
    await em.nativeDelete(Task, { id: child.id })
    await expect(em.flush()).resolves.toBeUndefined()
    expect(await orm.em.fork().count(Task, { name: 'child' })).toBe(0)
  })
})
