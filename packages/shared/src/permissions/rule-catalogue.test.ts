import { describe, expect, it } from 'vitest'
import { OPERATION_NAMES, SCOPE_NAMES } from './enums.ts'
import { RULE_CATALOGUE, RULE_RESOURCES } from './rule-catalogue.ts'
import { findRule, isCatalogueRule, ruleKey } from './rule-key.ts'

// Ids a fresh upstream 4.14 database gives the rules that the fixed roles hold (spec 5.3).
const NODE_RULE_IDS = [3, 6, 14, 21, 22, 24, 29, 39, 69, 77]
const CONTAINER_RULE_IDS = [3, 14, 21, 22, 29, 39, 69, 77]

function idsWhere(predicate: (index: number) => boolean): number[] {
  return RULE_CATALOGUE.map((_, index) => index + 1).filter((id) => predicate(id - 1))
}

describe('rule catalogue', () => {
  it('holds the 86 rules of vantage6 4.14', () => {
    expect(RULE_CATALOGUE).toHaveLength(86)
  })

  it('has no duplicate triple', () => {
    expect(new Set(RULE_CATALOGUE.map(ruleKey)).size).toBe(RULE_CATALOGUE.length)
  })

  it('uses only stored enum names and known resources', () => {
    for (const rule of RULE_CATALOGUE) {
      expect(OPERATION_NAMES).toContain(rule.operation)
      expect(SCOPE_NAMES).toContain(rule.scope)
      expect(RULE_RESOURCES).toContain(rule.name)
      expect(rule.description).not.toBe('')
    }
  })

  it('lists resources in registration order with the spec counts', () => {
    const counts = new Map<string, number>()
    const order: string[] = []
    for (const rule of RULE_CATALOGUE) {
      if (!counts.has(rule.name)) order.push(rule.name)
      counts.set(rule.name, (counts.get(rule.name) ?? 0) + 1)
    }
    expect(order).toEqual([...RULE_RESOURCES])
    expect(Object.fromEntries(counts)).toEqual({
      node: 12,
      collaboration: 7,
      organization: 8,
      task: 10,
      run: 4,
      user: 14,
      role: 12,
      port: 2,
      event: 6,
      study: 11,
    })
  })

  it('gives fresh-database ids matching the spec table', () => {
    expect(RULE_CATALOGUE[0]).toMatchObject({ name: 'node', scope: 'GLOBAL', operation: 'VIEW' })
    expect(RULE_CATALOGUE[26]).toMatchObject({
      name: 'organization',
      scope: 'GLOBAL',
      operation: 'DELETE',
    })
    expect(RULE_CATALOGUE[69]).toMatchObject({
      name: 'event',
      scope: 'ORGANIZATION',
      operation: 'RECEIVE',
    })
    expect(RULE_CATALOGUE[85]).toMatchObject({
      name: 'study',
      scope: 'ORGANIZATION',
      operation: 'DELETE',
    })
  })

  it('flags the node and container rules of spec 5.3', () => {
    expect(idsWhere((index) => RULE_CATALOGUE[index]!.assignToNode)).toEqual(NODE_RULE_IDS)
    expect(idsWhere((index) => RULE_CATALOGUE[index]!.assignToContainer)).toEqual(
      CONTAINER_RULE_IDS,
    )
  })

  it('finds rules by triple, in names or codes', () => {
    expect(findRule('event', 'GLOBAL', 'SEND')?.description).toBe(
      'send socket events to every collaboration',
    )
    expect(findRule('rule', 'GLOBAL', 'VIEW')).toBeUndefined()
    expect(isCatalogueRule({ name: 'task', scope: 'col', operation: 'c' })).toBe(true)
    expect(isCatalogueRule({ name: 'task', scope: 'col', operation: 'e' })).toBe(false)
  })
})
