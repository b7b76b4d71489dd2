import { dialectOf, type FedhubOrm, withRequestContext } from '@fedhub/shared/data'
import {
  AlgorithmPort,
  AlgorithmStore,
  Authenticatable,
  Collaboration,
  Node,
  NodeConfig,
  Organization,
  Role,
  Rule,
  Run,
  Study,
  Task,
  TaskDatabase,
  User,
} from '@fedhub/shared/entities'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/data/index.ts'
import { createTestDatabase, DRIVERS, type TestDatabase } from './test-db.ts'

// A sub-millisecond-free instant; JS dates carry milliseconds only.
const AT = new Date('2024-06-30T23:59:58.123Z')

describe.each(DRIVERS)('entity round trip on %s', (driver) => {
  let db: TestDatabase
  let orm: FedhubOrm

  beforeAll(async () => {
    db = await createTestDatabase(driver)
    orm = await db.open()
    await runMigrations(orm)
  })
  afterAll(() => db.drop())

  it('writes and reads back every entity and association', async () => {
    await withRequestContext(orm, async (em) => {
      const org = em.create(Organization, { name: 'Org', publicKey: Buffer.from('PEM bytes') })
      const other = em.create(Organization, { name: 'Other', country: 'NL' })
      const collab = em.create(Collaboration, { name: 'Collab', encrypted: false })
      collab.organizations.add(org, other)
      const study = em.create(Study, { name: 'Study', collaboration: collab })
      study.organizations.add(org)
      const store = em.create(AlgorithmStore, {
        name: 'store',
        url: 'https://s/api',
        collaboration: collab,
      })
      const rule = em.create(Rule, {
        name: 'task',
        operation: 'VIEW',
        scope: 'GLOBAL',
        description: 'd',
      })
      const role = em.create(Role, { name: 'Researcher', isDefaultRole: true })
      role.rules.add(rule)
      const userId = em.create(Authenticatable, { type: 'user', tokenVersion: 0 })
      const nodeId = em.create(Authenticatable, {
        type: 'node',
        status: 'online',
        lastSeen: AT,
        tokenVersion: 3,
      })
      await em.flush()
      const user = em.create(User, {
        id: userId.id,
        username: 'u',
        email: 'u@x',
        organization: org,
        lastLoginAttempt: AT,
      })
      user.roles.add(role)
      user.rules.add(rule)
      const node = em.create(Node, {
        id: nodeId.id,
        name: 'n',
        apiKeyDigest: 'digest',
        collaboration: collab,
        organization: org,
      })
      em.create(NodeConfig, { node, key: 'encryption', value: 'false' })
      const task = em.create(Task, {
        name: 't',
        collaboration: collab,
        study,
        jobId: 1,
        initOrg: org,
        initUser: user,
        createdAt: AT,
        algorithmStore: store,
      })
      const child = em.create(Task, { name: 'c', collaboration: collab, jobId: 1, parent: task })
      em.create(TaskDatabase, { task, database: 'default', parameters: '{}' })
      const run = em.create(Run, {
        task,
        organization: org,
        input: 'aW4=',
        status: 'pending',
        assignedAt: AT,
        blobStorageUsed: false,
      })
      em.create(Run, { task: child, organization: other, status: 'start failed' })
      em.create(AlgorithmPort, { run, port: 8080, label: 'api' })
      await em.flush()
    })

    await withRequestContext(orm, async (em) => {
      const user = await em.findOneOrFail(
        User,
        { username: 'u' },
        { populate: ['roles.rules', 'rules', 'organization', 'authenticatable'] },
      )
      expect(user.authenticatable?.type).toBe('user')
      expect(user.failedLoginAttempts).toBe(0)
      expect(user.lastLoginAttempt?.toISOString()).toBe(AT.toISOString())
      expect(user.roles.getItems()[0]?.rules.getItems()[0]?.operation).toBe('VIEW')
      expect(user.rules.getItems()[0]?.scope).toBe('GLOBAL')
      expect(user.organization?.publicKey?.toString()).toBe('PEM bytes')

      const node = await em.findOneOrFail(
        Node,
        { apiKeyDigest: 'digest' },
        { populate: ['config', 'authenticatable', 'collaboration.organizations'] },
      )
      expect(node.authenticatable?.tokenVersion).toBe(3)
      expect(node.authenticatable?.lastSeen?.toISOString()).toBe(AT.toISOString())
      expect(node.config.getItems().map((c) => [c.key, c.value])).toEqual([['encryption', 'false']])
      expect(node.collaboration?.encrypted).toBe(false)
      expect(
        node.collaboration?.organizations
          .getItems()
          .map((o) => o.name)
          .sort(),
      ).toEqual(['Org', 'Other'])

      const task = await em.findOneOrFail(
        Task,
        { name: 't' },
        {
          populate: [
            'runs.ports',
            'databases',
            'children',
            'study.organizations',
            'algorithmStore',
            'initUser',
          ],
        },
      )
      expect(task.createdAt?.toISOString()).toBe(AT.toISOString())
      expect(task.databases.getItems().map((d) => d.database)).toEqual(['default'])
      expect(task.children.getItems().map((c) => c.name)).toEqual(['c'])
      expect(task.study?.organizations.getItems().map((o) => o.name)).toEqual(['Org'])
      expect(task.algorithmStore?.url).toBe('https://s/api')
      expect(task.initUser?.id).toBe(user.id)
      const run = task.runs.getItems()[0]
      expect(run?.assignedAt?.toISOString()).toBe(AT.toISOString())
      expect(run?.ports.getItems()[0]?.port).toBe(8080)
      expect(run?.blobStorageUsed).toBe(false)
      expect(run?.version).toBe(1)
    })
  })

  it('stores timestamps as UTC wall-clock time', async () => {
    const em = orm.em.fork()
    const sql =
      dialectOf(em) === 'postgresql'
        ? `select to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.MS') as v from task where name = 't'`
        : `select created_at as v from task where name = 't'`
    const rows = await em.execute<{ v: string | number }[]>(sql)
    const stored = rows[0]?.v
    // SQLite keeps MikroORM's epoch milliseconds; both denote the same UTC instant.
    if (typeof stored === 'number') expect(stored).toBe(AT.getTime())
    else expect(stored).toBe('2024-06-30 23:59:58.123')
  })

  it('guards concurrent edits with the version column', async () => {
    const a = orm.em.fork()
    const b = orm.em.fork()
    const runA = await a.findOneOrFail(Run, { status: 'pending' })
    const runB = await b.findOneOrFail(Run, { status: 'pending' })
    runA.status = 'active'
    await a.flush()
    runB.status = 'killed by user'
    await expect(b.flush()).rejects.toThrow(/optimistic lock/i)
  })
})
