import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role, Rule } from '@fedhub/shared/entities'
import { DEFAULT_ROLES, RULE_CATALOGUE, ruleKey } from '@fedhub/shared/permissions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedCatalogue } from '../../src/data/seed/index.ts'
import { createTestDatabase, ENGINES, silentLogger, type TestDatabase } from './test-database.ts'

async function roleRules(em: FedhubEntityManager, name: string): Promise<string[]> {
  const role = await em.findOneOrFail(Role, { name, organization: null }, { populate: ['rules'] })
  return role.rules
    .getItems()
    .map((rule) =>
      ruleKey({ name: rule.name ?? '', scope: rule.scope ?? '', operation: rule.operation ?? '' }),
    )
    .sort()
}

async function pivotRows(em: FedhubEntityManager): Promise<number> {
  const rows = await em.execute<{ n: number | string }[]>(
    'select count(*) as n from role_rule_association',
  )
  return Number(rows[0]?.n)
}

describe.each(ENGINES)('seedCatalogue on %s', (engine) => {
  let db: TestDatabase
  const em = () => db.orm.em.fork()

  beforeAll(async () => {
    db = await createTestDatabase(engine)
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('fills a fresh database with upstream ids, names and rule sets', async () => {
    const report = await seedCatalogue(em(), silentLogger)
    expect(report).toEqual({
      rulesCreated: 86,
      rolesCreated: DEFAULT_ROLES.map((role) => role.name),
      rolesUpdated: [],
      rolesSkipped: [],
    })
    const rules = await em().find(Rule, {}, { orderBy: { id: 'asc' } })
    expect(
      rules.map((rule) => [rule.id, rule.name, rule.scope, rule.operation, rule.description]),
    ).toEqual(
      RULE_CATALOGUE.map((rule, index) => [
        index + 1,
        rule.name,
        rule.scope,
        rule.operation,
        rule.description,
      ]),
    )
    const roles = await em().find(Role, {}, { orderBy: { id: 'asc' } })
    expect(roles.map((role) => [role.id, role.name, role.description, role.isDefaultRole])).toEqual(
      DEFAULT_ROLES.map((role, index) => [index + 1, role.name, role.description, true]),
    )
    expect(roles.every((role) => role.organization === null)).toBe(true)
    for (const definition of DEFAULT_ROLES) {
      expect(await roleRules(em(), definition.name)).toEqual(definition.rules.map(ruleKey).sort())
    }
  })

  it('changes nothing when run again', async () => {
    const before = await pivotRows(em())
    const report = await seedCatalogue(em(), silentLogger)
    expect(report).toEqual({
      rulesCreated: 0,
      rolesCreated: [],
      rolesUpdated: [],
      rolesSkipped: [],
    })
    expect(await em().count(Rule, {})).toBe(86)
    expect(await em().count(Role, {})).toBe(7)
    expect(await pivotRows(em())).toBe(before)
  })

  it('repairs drifted default roles, appends to fixed roles and keeps legacy rules', async () => {
    // Each change is flushed on its own: a later populating find would reset an unflushed
    // collection change of another role in the same EntityManager.
    const tx = em()
    const legacy = tx.create(Rule, { name: 'vpn', scope: 'GLOBAL', operation: 'SEND' })
    await tx.flush()
    const viewer = await tx.findOneOrFail(Role, { name: 'Viewer' }, { populate: ['rules'] })
    viewer.rules.remove(viewer.rules.getItems()[0]!)
    viewer.description = 'edited'
    await tx.flush()
    const researcher = await tx.findOneOrFail(Role, { name: 'Researcher' }, { populate: ['rules'] })
    researcher.rules.add(await tx.findOneOrFail(Rule, { id: 1 }))
    await tx.flush()
    const node = await tx.findOneOrFail(Role, { name: 'node' }, { populate: ['rules'] })
    node.rules.remove(node.rules.getItems().find((rule) => rule.name === 'task')!)
    node.rules.add(await tx.findOneOrFail(Rule, { id: 2 }))
    node.description = 'renamed by an operator'
    await tx.flush()
    expect(await roleRules(em(), 'Researcher')).toContain('node:GLOBAL:VIEW')

    const report = await seedCatalogue(em(), silentLogger)
    expect(report.rulesCreated).toBe(0)
    expect(report.rolesUpdated.sort()).toEqual(['Researcher', 'Root', 'Viewer', 'node'])

    const viewerDefinition = DEFAULT_ROLES.find((role) => role.name === 'Viewer')!
    expect(await roleRules(em(), 'Viewer')).toEqual(viewerDefinition.rules.map(ruleKey).sort())
    const stored = await em().findOneOrFail(Role, { name: 'Viewer' })
    expect(stored.description).toBe(viewerDefinition.description)
    expect(await roleRules(em(), 'Researcher')).not.toContain('node:GLOBAL:VIEW')
    // The fixed node role only grows: the extra rule and its description stay.
    const nodeRules = await roleRules(em(), 'node')
    expect(nodeRules).toContain('task:COLLABORATION:VIEW')
    expect(nodeRules).toContain('node:COLLABORATION:VIEW')
    expect(nodeRules).toHaveLength(11)
    expect((await em().findOneOrFail(Role, { name: 'node' })).description).toBe(
      'renamed by an operator',
    )
    // Root holds every rule row, the legacy one too, and the legacy row is never removed.
    expect(await roleRules(em(), 'Root')).toContain('vpn:GLOBAL:SEND')
    expect(await em().count(Rule, {})).toBe(87)
    expect(await em().findOne(Rule, { id: legacy.id })).not.toBeNull()
  })

  it('leaves a custom role that carries a default name alone', async () => {
    const tx = em()
    const researcher = await tx.findOneOrFail(Role, { name: 'Researcher' }, { populate: ['rules'] })
    researcher.isDefaultRole = false
    researcher.rules.removeAll()
    await tx.flush()
    const report = await seedCatalogue(em(), silentLogger)
    expect(report.rolesSkipped).toEqual(['Researcher'])
    expect(await roleRules(em(), 'Researcher')).toEqual([])
    expect(await em().count(Role, { name: 'Researcher' })).toBe(1)
  })
})
