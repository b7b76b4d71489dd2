import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import type { JSONWebKeySet } from 'jose'
import { parse as parseYaml } from 'yaml'
import type { LogLevel } from '../logging/index.ts'
import { type DatabaseConfig, parseDatabaseUri } from './database-uri.ts'
import { applyEnvironment } from './env.ts'
import { ConfigSchema, IGNORED_UPSTREAM_KEYS, type RawConfig } from './schema.ts'

type Environment = Record<string, string | undefined>

export interface SmtpConfig {
  host: string
  port: number
  username: string
  password: string
  startTls: boolean
  implicitTls: boolean
  from: string
}

/** The validated, normalised and frozen configuration every service is built from. */
export interface FedhubConfig {
  /** The file's settings after validation, under their upstream names. */
  raw: RawConfig
  port: number
  /** The API prefix without a trailing slash; `''` serves the API on the host root. */
  apiPath: string
  dataDir: string
  database: DatabaseConfig
  logLevel: LogLevel
  metricsPort: number
  redisUrl: string | undefined
  natsUrl: string | undefined
  bodyLimitBytes: number
  corsAllowedOrigins: string[]
  accessTokenSeconds: number
  refreshTokenSeconds: number
  emailTokenValidityMinutes: number
  smtp: SmtpConfig | undefined
  /** Public keys that verify tokens; absent in standalone until auth generates its key. */
  publicKeys: JSONWebKeySet | undefined
  /** Start-up remarks (ignored upstream keys, fallbacks), logged once by the entry point. */
  warnings: string[]
}

/** Thrown when the configuration cannot be used; `problems` names every bad key at once. */
export class ConfigError extends Error {
  readonly problems: string[]

  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

export interface LoadConfigOptions {
  /** YAML file to read; when absent, FEDHUB_CONFIG names it, and without either none is read. */
  file?: string | undefined
  env?: Environment
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: false })
const validate = ajv.compile<RawConfig>(ConfigSchema)

const LOG_LEVELS: Record<string, LogLevel> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
  CRITICAL: 'fatal',
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty
    return `${path === '' ? key : `${path}.${key}`}: unknown key`
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
    return `${path}: must be one of ${allowed.map(String).join(', ')}`
  }
  return `${path === '' ? '(root)' : path}: ${error.message ?? 'is invalid'}`
}

// A union reports one error per branch and then its own; keep only the union's line.
function describeAll(list: ErrorObject[]): string[] {
  const unionPaths = new Set(list.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const kept = list.filter((e) => e.keyword === 'anyOf' || !unionPaths.has(e.instancePath))
  return [...new Set(kept.map(describe))]
}

function readFile(file: string, problems: string[]): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    problems.push(`cannot read config file '${file}': ${(error as Error).message}`)
    return {}
  }
  try {
    const parsed: unknown = parseYaml(text)
    if (parsed === null || parsed === undefined) return {}
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`config file '${file}' must hold a YAML mapping at the top level`)
      return {}
    }
    return parsed as Record<string, unknown>
  } catch (error) {
    problems.push(`config file '${file}' is not valid YAML: ${(error as Error).message}`)
    return {}
  }
}

// Upstream falls back to its defaults for unusable lifetimes instead of failing; so do we.
function lifetimeHours(value: number | string, fallback: number, min: number): number {
  const hours = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(hours) && hours >= min ? hours : fallback
}

function databaseOf(uri: string | undefined, dataDir: string, problems: string[]): DatabaseConfig {
  if (uri === undefined) return { driver: 'sqlite', file: resolve(dataDir, 'fedhub.sqlite') }
  try {
    return parseDatabaseUri(uri, dataDir)
  } catch (error) {
    problems.push(`uri: ${(error as Error).message}`)
    return { driver: 'sqlite', file: ':memory:' }
  }
}

function normalise(
  raw: RawConfig,
  problems: string[],
  warnings: string[],
): FedhubConfig | undefined {
  const dataDir = resolve(raw.fedhub.data_dir)
  const database = databaseOf(raw.uri, dataDir, problems)
  if (problems.length > 0) return undefined
  const origins = Array.isArray(raw.cors_allowed_origins)
    ? raw.cors_allowed_origins
    : [raw.cors_allowed_origins]
  for (const origin of origins) {
    if (origin === '*') continue
    try {
      new RegExp(origin)
    } catch {
      problems.push(`cors_allowed_origins: '${origin}' is not a valid regular expression`)
    }
  }
  const publicKeys = publicKeysOf(raw, problems)
  if (problems.length > 0) return undefined
  const access = lifetimeHours(raw.token_expires_hours, 6, 0.5)
  const refresh = lifetimeHours(raw.refresh_token_expires_hours, 48, access + 1 / 3600)
  const smtp = raw.smtp
  return {
    raw,
    port: raw.port,
    apiPath: raw.api_path.replace(/\/+$/, ''),
    dataDir,
    database,
    logLevel: LOG_LEVELS[raw.logging.level] ?? 'info',
    metricsPort: raw.fedhub.metrics_port,
    redisUrl: raw.fedhub.redis_url,
    natsUrl: raw.fedhub.nats_url,
    bodyLimitBytes: Math.floor(raw.fedhub.body_limit_mb * 1024 * 1024),
    corsAllowedOrigins: origins,
    accessTokenSeconds: Math.round(access * 3600),
    refreshTokenSeconds: Math.round(refresh * 3600),
    emailTokenValidityMinutes:
      smtp?.email_token_validity_minutes ?? raw.email_token_validity_minutes ?? 60,
    smtp:
      smtp === undefined
        ? undefined
        : {
            host: smtp.server,
            port: smtp.port,
            username: smtp.username,
            password: smtp.password,
            startTls: smtp.MAIL_USE_TLS,
            implicitTls: smtp.MAIL_USE_SSL,
            from: smtp.email_from,
          },
    publicKeys,
    warnings,
  }
}

function publicKeysOf(raw: RawConfig, problems: string[]): JSONWebKeySet | undefined {
  if (raw.fedhub.public_keys !== undefined) return raw.fedhub.public_keys as JSONWebKeySet
  const file = raw.fedhub.public_keys_file
  if (file === undefined) return undefined
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown }
    if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) {
      problems.push(`fedhub.public_keys_file: '${file}' holds no "keys" array`)
      return undefined
    }
    return parsed as JSONWebKeySet
  } catch (error) {
    problems.push(`fedhub.public_keys_file: cannot read '${file}': ${(error as Error).message}`)
    return undefined
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/**
 * Loads the configuration from a YAML file and the environment (the environment wins),
 * validates it against {@link ConfigSchema} and returns a frozen {@link FedhubConfig}.
 *
 * @throws {ConfigError} listing every problem at once.
 * @example
 * const config = loadConfig({ env: process.env })
 */
export function loadConfig(options: LoadConfigOptions = {}): FedhubConfig {
  const env = options.env ?? {}
  const problems: string[] = []
  const warnings: string[] = []
  const file = options.file ?? env.FEDHUB_CONFIG ?? env.VANTAGE6_CONFIG_LOCATION
  const input = file === undefined || file === '' ? {} : readFile(file, problems)
  for (const [key, reason] of Object.entries(IGNORED_UPSTREAM_KEYS)) {
    if (key in input) {
      warnings.push(`config key '${key}' is not used by fedhub: ${reason}`)
      delete input[key]
    }
  }
  applyEnvironment(input, env, problems)
  const valid = validate(input)
  if (!valid) {
    problems.push(...describeAll(validate.errors ?? []))
    // Still check the URI, so that one run names every problem.
    if (typeof input.uri === 'string') databaseOf(input.uri, '.', problems)
    throw new ConfigError(problems)
  }
  const config = normalise(input as RawConfig, problems, warnings)
  if (config === undefined) throw new ConfigError(problems)
  return deepFreeze(config)
}
