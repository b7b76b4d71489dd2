import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ROLE_NAMES,
  DEFAULT_ROLES,
  defaultRoleDefinition,
  isDefaultRoleName,
} from './default-roles.ts'
import { RULE_CATALOGUE } from './rule-catalogue.ts'
import { isCatalogueRule, ruleKey } from './rule-key.ts'

function keysOf(name: Parameters<typeof defaultRoleDefinition>[0]): Set<string> {
  return new Set(defaultRoleDefinition(name).rules.map(ruleKey))
}

describe('default roles', () => {
  it('are the seven upstream roles in creation order', () => {
    expect(DEFAULT_ROLE_NAMES).toEqual([
      'Root',
      'container',
      'node',
      'Viewer',
      'Researcher',
      'Organization Admin',
      'Collaboration Admin',
    ])
  })

  it('reference only catalogue rules, each once', () => {
    for (const role of DEFAULT_ROLES) {
      for (const rule of role.rules) expect(isCatalogueRule(rule), ruleKey(rule)).toBe(true)
      expect(new Set(role.rules.map(ruleKey)).size).toBe(role.rules.length)
    }
  })

  it('have the rule counts of spec 5.4', () => {
    const counts = Object.fromEntries(DEFAULT_ROLES.map((role) => [role.name, role.rules.length]))
    expect(counts).toEqual({
      Root: 86,
      container: 8,
      node: 10,
      Viewer: 15,
      Researcher: 17,
      'Organization Admin': 25,
      'Collaboration Admin': 41,
    })
  })

  it('nest as upstream builds them', () => {
    const viewer = keysOf('Viewer')
    const researcher = keysOf('Researcher')
    const orgAdmin = keysOf('Organization Admin')
    const colAdmin = keysOf('Collaboration Admin')
    for (const key of viewer) {
      expect(researcher.has(key)).toBe(true)
      expect(orgAdmin.has(key)).toBe(true)
    }
    for (const key of [...researcher, ...orgAdmin]) expect(colAdmin.has(key)).toBe(true)
    // 4.14 removed task creation from the organization admin.
    expect(orgAdmin.has('task:COLLABORATION:CREATE')).toBe(false)
    expect(keysOf('Root')).toEqual(new Set(RULE_CATALOGUE.map(ruleKey)))
  })

  it('carry upstream descriptions and sync modes', () => {
    expect(defaultRoleDefinition('Root')).toMatchObject({
      description: 'Super role',
      sync: 'exact',
    })
    expect(defaultRoleDefinition('node')).toMatchObject({
      description: 'node role',
      sync: 'append',
    })
    expect(defaultRoleDefinition('container').sync).toBe('append')
    expect(defaultRoleDefinition('Organization Admin').description).toBe(
      'Can manage an organization including its users, roles, and nodes.',
    )
  })

  it('recognise default names case-sensitively', () => {
    expect(isDefaultRoleName('Collaboration Admin')).toBe(true)
    expect(isDefaultRoleName('root')).toBe(false)
  })
})
