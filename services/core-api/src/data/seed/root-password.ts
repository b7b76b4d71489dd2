import { randomBytes } from 'node:crypto'
import type { FedhubConfig } from '@fedhub/shared/config'
import { AppError } from '@fedhub/shared/errors'
import bcrypt from 'bcrypt'

/** Where the root user's password hash came from; safe to log. */
export type RootPasswordSource = 'configured hash' | 'configured password' | 'generated password'

export interface RootPassword {
  hash: string
  source: RootPasswordSource
  /** Set only for a generated password: the caller shows it once and never logs it. */
  generated?: string
}

const BCRYPT_HASH = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/

/** Whether the configuration names a root password or hash (checked before any write). */
export function rootPasswordConfigured(config: Pick<FedhubConfig, 'raw'>): boolean {
  const { root_password_hash: hash, root_password: password } = config.raw.fedhub
  return hash !== undefined || password !== undefined
}

export function missingPassword(): AppError {
  return new AppError(
    'seed.root_password_missing',
    'No password for the initial root user: set V6_INIT_SUPER_PASS_HASHED_FILE or ' +
      'V6_INIT_SUPER_PASS_HASHED to a bcrypt hash, or FEDHUB_ROOT_PASSWORD (fedhub.root_password) ' +
      'to a password',
  )
}

function invalidHash(reason: string): AppError {
  return new AppError(
    'seed.root_password_hash_invalid',
    `The root password hash from V6_INIT_SUPER_PASS_HASHED(_FILE) ${reason}`,
  )
}

/**
 * Picks the root user's password hash: the configured bcrypt hash (from
 * `V6_INIT_SUPER_PASS_HASHED_FILE` or `V6_INIT_SUPER_PASS_HASHED`), else a hash of the configured
 * password, else, only when `allowGenerated` (standalone), a random password. Unlike upstream
 * there is no built-in `root` default: a server reachable from a network must not start with a
 * guessable administrator password.
 */
export async function resolveRootPassword(
  config: Pick<FedhubConfig, 'raw'>,
  allowGenerated: boolean,
): Promise<RootPassword> {
  const { root_password_hash: hash, root_password: password, bcrypt_rounds } = config.raw.fedhub
  if (hash !== undefined) {
    if (!BCRYPT_HASH.test(hash)) throw invalidHash('is not a bcrypt hash ($2b$…, 60 characters)')
    // Upstream refuses the hash of the empty password; a login could otherwise skip the password.
    if (await bcrypt.compare('', hash)) throw invalidHash('is the hash of an empty password')
    return { hash, source: 'configured hash' }
  }
  if (password !== undefined) {
    return { hash: await bcrypt.hash(password, bcrypt_rounds), source: 'configured password' }
  }
  if (!allowGenerated) throw missingPassword()
  const generated = randomBytes(18).toString('base64url')
  return {
    hash: await bcrypt.hash(generated, bcrypt_rounds),
    source: 'generated password',
    generated,
  }
}
