import type { FedhubConfig } from '@fedhub/shared/config'
import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, Organization, Role, User } from '@fedhub/shared/entities'
import { AppError } from '@fedhub/shared/errors'
import type { Logger } from '@fedhub/shared/logging'
import { DefaultRole } from '@fedhub/shared/permissions'
import { type RootPasswordSource, resolveRootPassword } from './root-password.ts'
import { lockStartupWrites } from './startup-lock.ts'

/** Upstream's fixed values for the bootstrap account (spec 3.5 step 6). */
export const ROOT_USERNAME = 'root'
export const ROOT_ORGANIZATION = 'root'
export const ROOT_EMAIL = 'root@domain.ext'

export interface SeedRootUserOptions {
  /** Standalone only: without any configured password, generate one and return it. */
  allowGeneratedPassword?: boolean
}

export type SeedRootUserResult =
  | { created: false }
  | {
      created: true
      userId: number
      source: RootPasswordSource
      /** Present only when generated; show it once to the operator and never log it. */
      generatedPassword?: string
    }

async function hasUsers(em: FedhubEntityManager): Promise<boolean> {
  return (await em.count(User, {})) > 0
}

/**
 * Creates the `root` user on a database without users: organization `root` (reused when it
 * exists), user `root` with e-mail `root@domain.ext`, the `Root` role and no failed logins. Runs
 * under the start-up lock, so replicas starting together create exactly one. A database that
 * already has users is left alone, even when none is called `root` (upstream re-creates it and
 * then fails on the existing organization). Needs the built-in roles: run `seedCatalogue` first.
 *
 * @example
 * const result = await seedRootUser(orm.em.fork(), config, log, { allowGeneratedPassword: true })
 * if (result.created && result.generatedPassword) printOnce(result.generatedPassword)
 */
export async function seedRootUser(
  em: FedhubEntityManager,
  config: Pick<FedhubConfig, 'raw'>,
  logger: Logger,
  options: SeedRootUserOptions = {},
): Promise<SeedRootUserResult> {
  // Cheap check first, so a normal restart does not pay for a bcrypt hash.
  if (await hasUsers(em.fork())) return { created: false }
  const password = await resolveRootPassword(config, options.allowGeneratedPassword === true)
  const userId = await em.transactional(async (tx) => {
    await lockStartupWrites(tx)
    if (await hasUsers(tx)) return undefined
    const role = await tx.findOne(Role, {
      name: DefaultRole.ROOT,
      isDefaultRole: true,
      organization: null,
    })
    if (role === null) {
      throw new AppError(
        'seed.root_role_missing',
        'The Root role does not exist yet: synchronise the rule catalogue before the root user',
      )
    }
    const organization =
      (await tx.findOne(Organization, { name: ROOT_ORGANIZATION })) ??
      tx.create(Organization, { name: ROOT_ORGANIZATION })
    // The user row reuses the identity row's id, so that row must exist first.
    const identity = tx.create(Authenticatable, { type: 'user' })
    await tx.flush()
    tx.create(User, {
      id: identity.id,
      username: ROOT_USERNAME,
      email: ROOT_EMAIL,
      password: password.hash,
      organization,
      failedLoginAttempts: 0,
      roles: [role],
    })
    await tx.flush()
    return identity.id
  })
  if (userId === undefined) return { created: false }
  logger.info({ userId, source: password.source }, 'root user created')
  if (password.generated === undefined) return { created: true, userId, source: password.source }
  return { created: true, userId, source: password.source, generatedPassword: password.generated }
}
