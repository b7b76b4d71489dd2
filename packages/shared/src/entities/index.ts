import type { EntitySchema } from '@mikro-orm/core'
import { AlgorithmPortSchema } from './algorithm-port.ts'
import { AlgorithmStoreSchema } from './algorithm-store.ts'
import { AuthenticatableSchema } from './authenticatable.ts'
import { CollaborationSchema } from './collaboration.ts'
import { NodeSchema } from './node.ts'
import { NodeConfigSchema } from './node-config.ts'
import { OrganizationSchema } from './organization.ts'
import { OutboxSchema } from './outbox.ts'
import { RoleSchema } from './role.ts'
import { RuleSchema } from './rule.ts'
import { RunSchema } from './run.ts'
import { StudySchema } from './study.ts'
import { TaskSchema } from './task.ts'
import { TaskDatabaseSchema } from './task-database.ts'
import { UserSchema } from './user.ts'

export { AlgorithmPort, AlgorithmPortSchema } from './algorithm-port.ts'
export { AlgorithmStore, AlgorithmStoreSchema } from './algorithm-store.ts'
export { Authenticatable, AuthenticatableSchema } from './authenticatable.ts'
export { Collaboration, CollaborationSchema } from './collaboration.ts'
export type {
  AuthenticatableType,
  Operation,
  PresenceStatus,
  RunStatus,
  Scope,
} from './enums.ts'
export { OPERATIONS, RUN_STATUSES, SCOPES } from './enums.ts'
export { Node, NodeSchema } from './node.ts'
export { NodeConfig, NodeConfigSchema } from './node-config.ts'
export { Organization, OrganizationSchema } from './organization.ts'
export { Outbox, OutboxSchema } from './outbox.ts'
export { Role, RoleSchema } from './role.ts'
export { Rule, RuleSchema } from './rule.ts'
export { Run, RunSchema } from './run.ts'
export { Study, StudySchema } from './study.ts'
export { Task, TaskSchema } from './task.ts'
export { TaskDatabase, TaskDatabaseSchema } from './task-database.ts'
export { User, UserSchema } from './user.ts'

/**
 * Every entity schema, in foreign-key order; pass it to MikroORM's `entities` option.
 *
 * @example
 * MikroORM.init({ entities: [...ENTITIES], dbName: 'fedhub' })
 */
export const ENTITIES: readonly EntitySchema[] = [
  AuthenticatableSchema,
  CollaborationSchema,
  OrganizationSchema,
  RuleSchema,
  AlgorithmStoreSchema,
  NodeSchema,
  RoleSchema,
  StudySchema,
  UserSchema,
  NodeConfigSchema,
  TaskSchema,
  RunSchema,
  TaskDatabaseSchema,
  AlgorithmPortSchema,
  OutboxSchema,
]
