import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Role, Rule } from '@fedhub/shared/entities'
import type { Logger } from '@fedhub/shared/logging'
import {
  DEFAULT_ROLE_NAMES,
  DEFAULT_ROLES,
  type DefaultRoleDefinition,
  RULE_CATALOGUE,
  ruleKey,
} from '@fedhub/shared/permissions'
import { lockStartupWrites } from './startup-lock.ts'

/** What one catalogue sync changed. */
export interface CatalogueReport {
  rulesCreated: number
  rolesCreated: string[]
  rolesUpdated: string[]
  /** Default names held only by custom roles (`is_default_role` false); left alone. */
  rolesSkipped: string[]
}

// Upstream's columns are nullable; a row missing a part never matches a catalogue rule.
function keyOf(rule: Rule): string {
  return ruleKey({
    name: rule.name ?? '',
    scope: rule.scope ?? '',
    operation: rule.operation ?? '',
  })
}

async function insertMissingRules(tx: FedhubEntityManager): Promise<[Rule[], number]> {
  const rules = await tx.find(Rule, {}, { orderBy: { id: 'asc' } })
  const known = new Set(rules.map(keyOf))
  // Catalogue order, so a fresh database numbers rules exactly as upstream does (1–86).
  const missing = RULE_CATALOGUE.filter((definition) => !known.has(ruleKey(definition)))
  const created = missing.map((definition) =>
    tx.create(Rule, {
      name: definition.name,
      scope: definition.scope,
      operation: definition.operation,
      description: definition.description,
    }),
  )
  if (created.length > 0) await tx.flush()
  return [[...rules, ...created], created.length]
}

function targetRules(definition: DefaultRoleDefinition, rules: Rule[]): Rule[] {
  // Root holds every rule row, including rules of older versions that the catalogue lacks.
  if (definition.name === 'Root') return rules
  const byKey = new Map<string, Rule>()
  for (const rule of rules) if (!byKey.has(keyOf(rule))) byKey.set(keyOf(rule), rule)
  return definition.rules.map((ref) => byKey.get(ruleKey(ref))).filter((rule) => rule !== undefined)
}

function sameIds(current: readonly Rule[], target: readonly Rule[]): boolean {
  const ids = new Set(current.map((rule) => rule.id))
  const wanted = new Set(target.map((rule) => rule.id))
  return ids.size === wanted.size && [...wanted].every((id) => ids.has(id))
}

/** Brings one built-in role in line; returns what happened to it. */
function syncRole(
  tx: FedhubEntityManager,
  definition: DefaultRoleDefinition,
  candidates: Role[],
  rules: Rule[],
): 'created' | 'updated' | 'skipped' | 'unchanged' {
  const target = targetRules(definition, rules)
  // Upstream finds the fixed node/container roles by name alone; the others must be flagged.
  const role =
    definition.sync === 'append'
      ? candidates[0]
      : candidates.find((candidate) => candidate.isDefaultRole === true)
  if (role === undefined && candidates.length > 0) return 'skipped'
  if (role === undefined) {
    tx.create(Role, {
      name: definition.name,
      description: definition.description,
      organization: null,
      isDefaultRole: true,
      rules: target,
    })
    return 'created'
  }
  const current = role.rules.getItems()
  if (definition.sync === 'append') {
    const have = new Set(current.map((rule) => rule.id))
    const missing = target.filter((rule) => !have.has(rule.id))
    if (missing.length === 0) return 'unchanged'
    role.rules.add(missing)
    return 'updated'
  }
  if (sameIds(current, target) && role.description === definition.description) return 'unchanged'
  role.rules.set(target)
  role.description = definition.description
  return 'updated'
}

/**
 * Keeps the `rule` table and the built-in roles in step with the static catalogue; run at every
 * start and before a fixture import. Inserts missing rules (never deletes or rewrites one, so
 * rows that roles or users reference stay), creates missing built-in roles, resets the rule set
 * and description of `Root`, `Viewer`, `Researcher`, `Organization Admin` and
 * `Collaboration Admin`, and appends missing rules to `node` and `container`. Idempotent, and
 * safe when several replicas start at once.
 *
 * @example
 * const report = await seedCatalogue(orm.em.fork(), log)
 */
export async function seedCatalogue(
  em: FedhubEntityManager,
  logger?: Logger,
): Promise<CatalogueReport> {
  const report = await em.transactional(async (tx) => {
    await lockStartupWrites(tx)
    const [rules, rulesCreated] = await insertMissingRules(tx)
    const roles = await tx.find(
      Role,
      { name: { $in: [...DEFAULT_ROLE_NAMES] } },
      { populate: ['rules'], orderBy: { id: 'asc' } },
    )
    const result: CatalogueReport = {
      rulesCreated,
      rolesCreated: [],
      rolesUpdated: [],
      rolesSkipped: [],
    }
    // Definition order is creation order: fresh ids match upstream's (Root=1 … Collaboration Admin=7).
    for (const definition of DEFAULT_ROLES) {
      const candidates = roles.filter((role) => role.name === definition.name)
      const outcome = syncRole(tx, definition, candidates, rules)
      if (outcome === 'created') result.rolesCreated.push(definition.name)
      if (outcome === 'updated') result.rolesUpdated.push(definition.name)
      if (outcome === 'skipped') result.rolesSkipped.push(definition.name)
      await tx.flush()
    }
    return result
  })
  for (const name of report.rolesSkipped) {
    logger?.warn({ role: name }, 'custom role carries a default role name; left unchanged')
  }
  if (report.rulesCreated + report.rolesCreated.length + report.rolesUpdated.length > 0) {
    logger?.info(report, 'rule catalogue and default roles synchronised')
  }
  return report
}
