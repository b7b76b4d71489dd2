/**
 * Coded values stored exactly as upstream stores them. Upstream's SQLAlchemy `Enum` columns hold
 * the Python member NAMES (`VIEW`, `ORGANIZATION`), not the short codes the API filters accept.
 */

import {
  OPERATION_NAMES,
  type OperationName,
  SCOPE_NAMES,
  type ScopeName,
} from '../permissions/enums.ts'

/** `rule.operation` (PostgreSQL enum type `operation`); the vocabulary lives in permissions. */
export const OPERATIONS = OPERATION_NAMES
export type Operation = OperationName

/** `rule.scope` (PostgreSQL enum type `scope`). */
export const SCOPES = SCOPE_NAMES
export type Scope = ScopeName

/** `run.status`: free text upstream, always one of these strings (spaces and capitals included). */
export const RUN_STATUSES = [
  'pending',
  'initializing',
  'active',
  'completed',
  'failed',
  'start failed',
  'non-existing Docker image',
  'crashed',
  'killed by user',
  'not allowed',
  'unknown error',
] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** `authenticatable.type`: the joined-table discriminator. */
export type AuthenticatableType = 'user' | 'node'

/** `authenticatable.status`. */
export type PresenceStatus = 'online' | 'offline'
