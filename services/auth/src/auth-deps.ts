import { randomBytes } from 'node:crypto'
import type { FedhubConfig } from '@fedhub/shared/config'
import type { FedhubEntityManager, FedhubOrm } from '@fedhub/shared/data'
import type { Logger } from '@fedhub/shared/logging'
import type { ServiceContext } from '@fedhub/shared/runtime'
import {
  createIdentityGuard,
  createTokenVerifier,
  createTokenVersions,
  type IdentityGuard,
  type TokenVersions,
} from '@fedhub/shared/tokens'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { JSONWebKeySet } from 'jose'
import { Counter } from 'prom-client'
import { loadApiKeySecret } from './domain/api-key.ts'
import { type Background, createBackground } from './domain/background.ts'
import { type BcryptQueue, createBcryptQueue } from './domain/bcrypt-queue.ts'
import { createProxyTrust, type ProxyTrust } from './domain/client-address.ts'
import { loadSigningKeys } from './domain/key-store.ts'
import { createPasswordChange } from './domain/password-change.ts'
import { createRateLimiter, type RateLimiter } from './domain/rate-limiter.ts'
import { createRecovery, type Recovery } from './domain/recovery.ts'
import { createResetTokens } from './domain/reset-tokens.ts'
import { publicKeySet, type SigningKeySet } from './domain/signing-keys.ts'
import { createTokenIssuer, type TokenIssuer } from './domain/token-issuer.ts'
import { createUserLogin, type UserLogin } from './domain/user-login.ts'

/** Everything the auth routes use, built once per process. */
export interface AuthDeps {
  config: FedhubConfig
  logger: Logger
  kv: KeyValueStore
  em(): Promise<FedhubEntityManager>
  orm(): Promise<FedhubOrm>
  issuer: TokenIssuer
  guard: IdentityGuard
  versions: TokenVersions
  login: UserLogin
  changePassword: ReturnType<typeof createPasswordChange>
  recovery: Recovery
  bcrypt: BcryptQueue
  limiter: RateLimiter
  trust: ProxyTrust
  apiKeySecret: Buffer
  /** What `/.well-known/jwks.json` serves and what auth itself verifies with. */
  publicKeys: JSONWebKeySet
  background: Background
}

// Two bcrypt calls at once leave two of libuv's four default threads for DNS and files.
const BCRYPT_CONCURRENCY = 2
const BCRYPT_MAX_WAITING = 64

function mergeKeys(own: SigningKeySet, configured: JSONWebKeySet | undefined): JSONWebKeySet {
  const ownPublic = publicKeySet(own).keys
  const seen = new Set(ownPublic.map((key) => key.kid))
  const extra = (configured?.keys ?? []).filter((key) => !seen.has(key.kid))
  return { keys: [...ownPublic, ...extra] }
}

/**
 * Builds auth's dependencies. Keys come from the data folder; when the configuration names no
 * public keys (standalone), auth makes its keys there itself and keeps them across restarts.
 */
export async function createAuthDeps(context: ServiceContext): Promise<AuthDeps> {
  const { config, kv, bus, logger } = context
  const generate = config.publicKeys === undefined
  const keys = await loadSigningKeys(config.dataDir, { generate })
  const current = keys.keys[0]
  if (
    config.publicKeys !== undefined &&
    !config.publicKeys.keys.some((k) => k.kid === current?.kid)
  ) {
    throw new Error(
      `the current signing key ${current?.kid} is not among fedhub.public_keys: other services would refuse every token`,
    )
  }
  const apiKeySecret = await loadApiKeySecret(config.dataDir, { generate })
  const publicKeys = mergeKeys(keys, config.publicKeys)
  const calls = new Counter({
    name: 'fedhub_auth_bcrypt_calls_total',
    help: 'bcrypt operations started by auth, by kind',
    labelNames: ['kind'],
    registers: [context.registry],
  })
  const bcrypt = createBcryptQueue({
    concurrency: BCRYPT_CONCURRENCY,
    maxWaiting: BCRYPT_MAX_WAITING,
    onCall: (kind) => calls.inc({ kind }),
  })
  const rounds = config.raw.fedhub.bcrypt_rounds
  // Unknown and locked accounts are checked against this, so they cost what a real check costs.
  const dummyHash = await bcrypt.hash(randomBytes(18).toString('base64'), rounds)
  const orm = () => context.openOrm() as Promise<FedhubOrm>
  const em = async () => (await orm()).em.fork()
  const background = createBackground(logger)
  const versions = createTokenVersions(orm, kv, bus)
  const policy = config.raw.password_policy
  const login = createUserLogin({
    bcrypt,
    dummyHash,
    background,
    fork: em,
    policy: {
      maxFailedAttempts: policy.max_failed_attempts,
      inactivationMinutes: policy.inactivation_minutes,
      betweenUserEmailsMinutes: policy.between_user_emails_minutes,
    },
  })
  const issuer = await createTokenIssuer(keys, {
    accessSeconds: config.accessTokenSeconds,
    refreshSeconds: config.refreshTokenSeconds,
    resetSeconds: config.emailTokenValidityMinutes * 60,
  })
  return {
    config,
    logger,
    kv,
    em,
    orm,
    issuer,
    versions,
    guard: createIdentityGuard(createTokenVerifier(publicKeys), versions, orm),
    login,
    changePassword: createPasswordChange({ login, bcrypt, versions, bcryptRounds: rounds }),
    recovery: createRecovery({
      issuer,
      resetTokens: createResetTokens(publicKeys, kv, versions),
      versions,
      bcrypt,
      kv,
      bcryptRounds: rounds,
      betweenUserEmailsMinutes: policy.between_user_emails_minutes,
      tokenValidityMinutes: config.emailTokenValidityMinutes,
    }),
    bcrypt,
    limiter: createRateLimiter(kv, {
      perAccountPerMinute: config.raw.fedhub.rate_limits.per_account_per_minute,
      perAddressPerMinute: config.raw.fedhub.rate_limits.per_address_per_minute,
    }),
    trust: createProxyTrust(config.raw.fedhub.trusted_proxies),
    apiKeySecret,
    publicKeys,
    background,
  }
}
