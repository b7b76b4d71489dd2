/**
 * Coded values stored exactly as upstream stores them. Upstream's SQLAlchemy `Enum` columns hold
 * the Python member NAMES (`VIEW`, `ORGANIZATION`), not the short codes the API filters accept.
 */

/** `rule.operation` (PostgreSQL enum type `operation`). */
export const OPERATIONS = ['VIEW', 'EDIT', 'CREATE', 'DELETE', 'SEND', 'RECEIVE'] as const
export type Operation = (typeof OPERATIONS)[number]

/** `rule.scope` (PostgreSQL enum type `scope`). */
export const SCOPES = ['OWN', 'ORGANIZATION', 'COLLABORATION', 'GLOBAL'] as const
export type Scope = (typeof SCOPES)[number]

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
