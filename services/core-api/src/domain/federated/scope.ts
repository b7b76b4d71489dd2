import type { OperationName } from '@fedhub/shared/permissions'
import type { Caller } from '../permissions/index.ts'
import type { ResourceGuard } from '../permissions/resource-rules.ts'

/** Where a task, run or result belongs, for the single-object checks. */
export interface Owner {
  /** The initiating organization of the task. */
  organizationId: number | null
  collaborationId: number | null
  /** The user who created the task. */
  userId: number | null
}

/**
 * The single-object check of tasks, runs and results. Upstream grants collaboration scope when
 * the initiating organization shares *any* collaboration with the caller, which lets one
 * collaboration read another's inputs; here the object's own collaboration must be one of the
 * caller's (for a container, the one in its token). Organization and own scope are upstream's.
 */
export function mayAccess(
  guard: ResourceGuard,
  caller: Caller,
  operation: OperationName,
  owner: Owner,
): boolean {
  if (guard.has('GLOBAL', operation)) return true
  if (
    guard.has('COLLABORATION', operation) &&
    owner.collaborationId !== null &&
    caller.collaborationIds.has(owner.collaborationId)
  ) {
    return true
  }
  if (
    guard.has('ORGANIZATION', operation) &&
    owner.organizationId !== null &&
    owner.organizationId === caller.organizationId
  ) {
    return true
  }
  return (
    guard.has('OWN', operation) &&
    caller.type === 'user' &&
    owner.userId !== null &&
    owner.userId === caller.id
  )
}

/** Ids as a SQL `in` list that is never empty (`in ()` is a syntax error). */
export function idList(ids: Iterable<number>): number[] {
  const list = [...ids]
  return list.length === 0 ? [-1] : list
}
