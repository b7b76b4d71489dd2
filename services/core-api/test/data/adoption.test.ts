import { readFile } from 'node:fs/promises'
import {
  allocateJobId,
  assertSchemaCurrent,
  type FedhubOrm,
  withRequestContext,
} from '@fedhub/shared/data'
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
import { createTestDatabase, type TestDatabase } from './test-db.ts'

const UPSTREAM_TABLES = [
  'authenticatable',
  'collaboration',
  'organization',
  'rule',
  'Member',
  'algorithmstore',
  'node',
  'role',
  'study',
  'user',
  'Permission',
  'StudyMember',
  'UserPermission',
  'nodeconfig',
  'role_rule_association',
  'task',
  'run',
  'taskdatabase',
  'algorithmport',
]

async function countRows(orm: FedhubOrm): Promise<Record<string, number>> {
  const em = orm.em.fork()
  const counts: Record<string, number> = {}
  for (const table of UPSTREAM_TABLES) {
    const rows = await em.execute<{ n: string }[]>(`select count(*) as n from "${table}"`)
    counts[table] = Number(rows[0]?.n)
  }
  return counts
}

describe('adopting an upstream 4.x PostgreSQL database', () => {
  let db: TestDatabase
  let orm: FedhubOrm
  let before: Record<string, number>

  beforeAll(async () => {
    db = await createTestDatabase('postgresql')
    orm = await db.open()
    const ddl = await readFile(new URL('./fixtures/upstream-4x.sql', import.meta.url), 'utf8')
    await orm.em.fork().execute(ddl)
    before = await countRows(orm)
    await runMigrations(orm)
  })
  afterAll(() => db.drop())

  it('keeps every row', async () => {
    expect(Object.values(before).every((n) => n > 0)).toBe(true)
    expect(await countRows(orm)).toEqual(before)
    await assertSchemaCurrent(orm)
  })

  it('reads every row through the entities', async () => {
    await withRequestContext(orm, async (em) => {
      const counts = {
        authenticatable: await em.count(Authenticatable),
        organization: await em.count(Organization),
        collaboration: await em.count(Collaboration),
        rule: await em.count(Rule),
        role: await em.count(Role),
        user: await em.count(User),
        node: await em.count(Node),
        nodeconfig: await em.count(NodeConfig),
        algorithmstore: await em.count(AlgorithmStore),
        study: await em.count(Study),
        task: await em.count(Task),
        run: await em.count(Run),
        taskdatabase: await em.count(TaskDatabase),
        algorithmport: await em.count(AlgorithmPort),
      }
      for (const [table, n] of Object.entries(counts)) expect(n, table).toBe(before[table])

      const alice = await em.findOneOrFail(
        User,
        { username: 'alice' },
        { populate: ['roles', 'rules', 'organization', 'authenticatable'] },
      )
      expect(alice.id).toBe(2)
      expect(alice.authenticatable?.type).toBe('user')
      expect(alice.authenticatable?.tokenVersion).toBe(0)
      expect(alice.roles.getItems().map((r) => r.name)).toEqual(['Local helper'])
      expect(alice.rules.getItems().map((r) => [r.operation, r.scope])).toEqual([
        ['CREATE', 'COLLABORATION'],
      ])
      expect(alice.lastLoginAttempt?.toISOString()).toBe('2024-03-01T10:15:00.000Z')
      expect(alice.version).toBe(1)

      const node = await em.findOneOrFail(Node, 3, { populate: ['config', 'authenticatable'] })
      expect(node.authenticatable?.lastSeen?.toISOString()).toBe('2024-03-01T12:00:00.123Z')
      expect(node.config.getItems().map((c) => c.key)).toEqual(['encryption', 'database_labels'])
      expect(node.apiKeyDigest).toBeNull()

      const org = await em.findOneOrFail(Organization, { name: 'Alpha Clinic' })
      expect(org.publicKey?.toString('utf8')).toBe('-----BEGIN')

      const covid = await em.findOneOrFail(
        Collaboration,
        { name: 'covid' },
        { populate: ['organizations', 'studies'] },
      )
      expect(
        covid.organizations
          .getItems()
          .map((o) => o.id)
          .sort(),
      ).toEqual([2, 3])
      expect(covid.encrypted).toBe(false)

      const runs = await em.find(Run, {}, { orderBy: { id: 'asc' }, populate: ['ports', 'task'] })
      expect(runs.map((r) => r.status)).toEqual(['completed', 'pending', 'active'])
      expect(runs[0]?.finishedAt?.toISOString()).toBe('2024-03-01T11:00:09.000Z')
      expect(runs[0]?.blobStorageUsed).toBeNull()
      expect(runs[2]?.ports.getItems().map((p) => p.port)).toEqual([8888])

      const sub = await em.findOneOrFail(Task, 2, { populate: ['parent', 'algorithmStore'] })
      expect(sub.parent?.id).toBe(1)
      expect(sub.algorithmStore?.url).toBe('https://store.cotopaxi.vantage6.ai/api')
    })
  })

  it('settles is_default_role as the spec asks', async () => {
    const roles = await orm.em.fork().find(Role, {}, { orderBy: { id: 'asc' } })
    expect(roles.map((r) => [r.name, r.isDefaultRole])).toEqual([
      ['Root', true],
      ['node', true],
      ['Local helper', false],
    ])
  })

  it('starts the job-id sequence above the highest upstream job id', async () => {
    const id = await orm.em.fork().transactional((tx) => allocateJobId(tx))
    expect(id).toBe(42)
  })

  it('writes through the entities into the adopted tables', async () => {
    await withRequestContext(orm, async (em) => {
      const run = await em.findOneOrFail(Run, 2)
      run.status = 'active'
      run.startedAt = new Date('2024-05-01T09:00:00Z')
      await em.flush()
      expect(run.version).toBe(2)
      const identity = em.create(Authenticatable, { type: 'user', tokenVersion: 0 })
      await em.flush()
      em.create(User, { id: identity.id, username: 'bob', organization: 3 })
      await em.flush()
      expect(identity.id).toBe(4)
    })
  })
})
