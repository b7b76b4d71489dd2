import type { ContainerSubject } from '@fedhub/shared/tokens'
import type { RuleSet } from './rule-set.ts'

/**
 * Who is calling and what they may do, computed once per request. `organizationId` and
 * `collaborationIds` are the "auth organization" and "auth collaborations" of the scope checks:
 * a user's or node's organization and all its collaborations; for a container, the token's
 * organization and its one collaboration.
 */
export interface Caller {
  readonly type: 'user' | 'node' | 'container'
  /** User or node id; undefined for containers. */
  readonly id: number | undefined
  /** Set for users; the self-lookup by username needs it. */
  readonly username: string | undefined
  readonly organizationId: number | null
  readonly collaborationIds: ReadonlySet<number>
  /** Every organization that is a member of one of `collaborationIds`. */
  readonly collaborationOrganizationIds: ReadonlySet<number>
  readonly rules: RuleSet
  /** Role ids a user holds (empty for nodes and containers). */
  readonly roleIds: readonly number[]
  /** Distinct ids of the rules the caller holds through roles and directly. */
  readonly ruleIds: readonly number[]
  /** The token subject of a container. */
  readonly container: ContainerSubject | undefined
}

/** Whether the caller is the user with this id. */
export function isSelf(caller: Caller, userId: number): boolean {
  return caller.type === 'user' && caller.id === userId
}
