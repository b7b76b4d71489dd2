import { randomBytes, randomUUID } from 'node:crypto'
import type { FedhubOrm } from '@fedhub/shared/data'
import {
  Authenticatable,
  Collaboration,
  Node,
  Organization,
  Role,
  Run,
  Task,
  TaskDatabase,
  User,
} from '@fedhub/shared/entities'
import bcrypt from 'bcrypt'
import { apiKeyDigest, loadApiKeySecret } from '../src/domain/api-key.ts'

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

export interface UserFixture {
  id: number
  username: string
  password: string
  email: string
  organizationId: number
}

export async function createOrganization(orm: FedhubOrm, name = unique('org')): Promise<number> {
  const em = orm.em.fork()
  const org = em.create(Organization, { name })
  await em.flush()
  return org.id
}

/** A user with a bcrypt password (cost 4) and the named built-in roles. */
export async function createUser(
  orm: FedhubOrm,
  options: {
    roles?: string[]
    otpSecret?: string
    organizationId?: number
    email?: string
    rounds?: number
  } = {},
): Promise<UserFixture> {
  const em = orm.em.fork()
  const organizationId = options.organizationId ?? (await createOrganization(orm))
  const username = unique('user')
  const password = `Pw-${randomBytes(6).toString('hex')}!A1`
  const email = options.email ?? `${username}@example.org`
  const identity = em.create(Authenticatable, { type: 'user' })
  await em.flush()
  const roles = await em.find(Role, { name: { $in: options.roles ?? [] }, organization: null })
  em.create(User, {
    id: identity.id,
    username,
    email,
    firstname: 'Ada',
    password: await bcrypt.hash(password, options.rounds ?? 4),
    organization: organizationId,
    failedLoginAttempts: 0,
    otpSecret: options.otpSecret ?? null,
    roles,
  })
  await em.flush()
  return { id: identity.id, username, password, email, organizationId }
}

export interface NodeFixture {
  id: number
  apiKey: string
  collaborationId: number
  organizationId: number
}

/** A node of a new (or given) collaboration, its key stored the way fedhub stores keys. */
export async function createNode(
  orm: FedhubOrm,
  dataDir: string,
  options: { collaborationId?: number; legacy?: boolean } = {},
): Promise<NodeFixture> {
  const em = orm.em.fork()
  const organizationId = await createOrganization(orm)
  let collaborationId = options.collaborationId
  if (collaborationId === undefined) {
    const collaboration = em.create(Collaboration, { name: unique('collab') })
    await em.flush()
    collaborationId = collaboration.id
  }
  const apiKey = randomUUID()
  const secret = await loadApiKeySecret(dataDir, { generate: true })
  const identity = em.create(Authenticatable, { type: 'node' })
  await em.flush()
  em.create(Node, {
    id: identity.id,
    name: unique('node'),
    apiKey: await bcrypt.hash(apiKey, 4),
    apiKeyDigest: options.legacy === true ? null : apiKeyDigest(apiKey, secret),
    collaboration: collaborationId,
    organization: organizationId,
  })
  await em.flush()
  return { id: identity.id, apiKey, collaborationId, organizationId }
}

/** A task in a collaboration with one run per given status and one database. */
export async function createTask(
  orm: FedhubOrm,
  collaborationId: number,
  statuses: string[],
  image = 'harbor2.vantage6.ai/demo/average',
): Promise<number> {
  const em = orm.em.fork()
  const task = em.create(Task, { name: unique('task'), image, collaboration: collaborationId })
  await em.flush()
  em.create(TaskDatabase, {
    task: task.id,
    database: 'default',
    parameters: JSON.stringify({ query: 'select 1', sheet_name: null }),
  })
  for (const status of statuses) em.create(Run, { task: task.id, status: status as Run['status'] })
  await em.flush()
  return task.id
}

export async function setRunStatus(orm: FedhubOrm, taskId: number, status: string): Promise<void> {
  await orm.em.fork().nativeUpdate(Run, { task: taskId }, { status: status as Run['status'] })
}
