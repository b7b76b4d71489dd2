import type { Role, Rule } from '@fedhub/shared/entities'
import type { HateoasLink, LinkBuilder } from '../../list-kit/index.ts'

export interface RoleView {
  id: number
  name: string | null
  description: string | null
  is_default_role: boolean
  organization: HateoasLink | null
  rules: string
  users: string
}

export function toRoleView(role: Role, links: LinkBuilder): RoleView {
  return {
    id: role.id,
    name: role.name ?? null,
    description: role.description ?? null,
    is_default_role: role.isDefaultRole === true,
    organization: links.one('organization', role.organization?.id),
    rules: links.many('rule', 'role_id', role.id),
    users: links.many('user', 'role_id', role.id),
  }
}

export const ROLE_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'r.id',
  name: 'r.name',
  description: 'r.description',
  organization_id: 'r.organization',
  is_default_role: 'r.isDefaultRole',
}

export interface RuleView {
  id: number
  name: string | null
  operation: string | null
  scope: string | null
  description: string | null
  users: string
}

export function toRuleView(rule: Rule, links: LinkBuilder): RuleView {
  return {
    id: rule.id,
    name: rule.name ?? null,
    operation: rule.operation ?? null,
    scope: rule.scope ?? null,
    description: rule.description ?? null,
    users: links.many('user', 'rule_id', rule.id),
  }
}

export const RULE_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'r.id',
  name: 'r.name',
  operation: 'r.operation',
  scope: 'r.scope',
  description: 'r.description',
}
