import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './index.ts'

function writeYaml(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fedhub-config-')), 'server.yaml')
  writeFileSync(file, text)
  return file
}

function problemsOf(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('accepts an unchanged upstream server file and keeps upstream meanings', () => {
    const file = writeYaml(`
description: Test server
ip: 0.0.0.0
port: 7601
api_path: /api
uri: postgresql://vantage6:secret@db.example:5432/vantage6
allow_drop_all: false
jwt_secret_key: some-secret
logging:
  level: DEBUG
  file: server.log
  use_console: true
  backup_count: 5
  max_size: 1024
  format: "%(asctime)s - %(name)s - %(message)s"
  datefmt: "%Y-%m-%d %H:%M:%S"
smtp:
  server: mail.example
  port: 587
  username: mailer
  password: pw
  email_from: noreply@example.org
  email_token_validity_minutes: 30
password_policy:
  max_failed_attempts: 3
rabbitmq:
  uri: amqp://guest:guest@rabbit:5672
two_factor_auth: true
cors_allowed_origins: ["https://ui\\\\.example\\\\.org"]
runs_data_cleanup_days: 30
`)
    const config = loadConfig({ file, env: {} })
    expect(config.database).toEqual({
      driver: 'postgresql',
      clientUrl: 'postgresql://vantage6:secret@db.example:5432/vantage6',
      dbName: 'vantage6',
    })
    expect(config.logLevel).toBe('debug')
    expect(config.smtp).toMatchObject({ host: 'mail.example', port: 587, startTls: true })
    expect(config.emailTokenValidityMinutes).toBe(30)
    expect(config.raw.password_policy).toEqual({
      max_failed_attempts: 3,
      inactivation_minutes: 15,
      between_user_emails_minutes: 60,
    })
    expect(config.raw.two_factor_auth).toBe(true)
    expect(config.raw.runs_data_cleanup_days).toBe(30)
    expect(config.corsAllowedOrigins).toEqual(['https://ui\\.example\\.org'])
    expect(config.warnings).toHaveLength(3)
    expect(config.warnings.join('\n')).toMatch(/'rabbitmq' is not used/)
    expect(config.warnings.join('\n')).toMatch(/'jwt_secret_key' is not used/)
    expect(Object.isFrozen(config.raw.password_policy)).toBe(true)
  })

  it('names every bad key of a malformed file at once', () => {
    const file = writeYaml(`
port: seventy
api_path: no-leading-slash
smtp:
  port: 99999
  sever: typo
logging:
  level: LOUD
uri: mysql://localhost/db
colour: blue
`)
    expect(problemsOf(() => loadConfig({ file, env: {} })).sort()).toEqual([
      'api_path: must match pattern "^(/[A-Za-z0-9._~-]+)*/?$"',
      'colour: unknown key',
      'logging.level: must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL',
      'port: must be integer',
      'smtp.port: must be <= 65535',
      'smtp.sever: unknown key',
      "uri: uses unsupported database 'mysql' (use postgresql:// or sqlite:///)",
    ])
  })

  it('reports a file that is not YAML or not a mapping', () => {
    expect(problemsOf(() => loadConfig({ file: writeYaml('port: [1'), env: {} }))[0]).toMatch(
      /is not valid YAML/,
    )
    expect(problemsOf(() => loadConfig({ file: writeYaml('- a\n- b'), env: {} }))[0]).toMatch(
      /must hold a YAML mapping/,
    )
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/fedhub.yaml', env: {} }))[0]).toMatch(
      /cannot read config file/,
    )
  })

  it('lets the environment win over the file, upstream variables included', () => {
    const file = writeYaml('port: 5000\nuri: sqlite:///from-file.sqlite\n')
    const hashFile = writeYaml(`${'$2b$12$'}${'a'.repeat(53)}\n`)
    const config = loadConfig({
      file,
      env: {
        FEDHUB_PORT: '8123',
        VANTAGE6_DB_URI: 'postgresql+psycopg2://u:p@127.0.0.1:5432/v6',
        FEDHUB_DATA_DIR: '/srv/fedhub',
        V6_INIT_SUPER_PASS_HASHED_FILE: hashFile,
      },
    })
    expect(config.port).toBe(8123)
    expect(config.database).toMatchObject({ driver: 'postgresql', dbName: 'v6' })
    expect(config.dataDir).toBe('/srv/fedhub')
    expect(config.raw.fedhub.root_password_hash).toBe(`$2b$12$${'a'.repeat(53)}`)
  })

  it('reports a bad environment value under its config key', () => {
    expect(problemsOf(() => loadConfig({ env: { FEDHUB_PORT: 'abc' } }))).toEqual([
      'port: must be integer',
    ])
  })

  it('defaults to SQLite in the data folder, port 7601 and the /api path', () => {
    const config = loadConfig({ env: { FEDHUB_DATA_DIR: '/tmp/fh' } })
    expect(config.port).toBe(7601)
    expect(config.apiPath).toBe('/api')
    expect(config.database).toEqual({ driver: 'sqlite', file: '/tmp/fh/fedhub.sqlite' })
    expect(config.bodyLimitBytes).toBe(64 * 1024 * 1024)
    expect(config.accessTokenSeconds).toBe(6 * 3600)
    expect(config.refreshTokenSeconds).toBe(48 * 3600)
    expect(config.smtp).toBeUndefined()
  })

  it('falls back to upstream defaults for unusable token lifetimes, as upstream does', () => {
    const file = writeYaml('token_expires_hours: "0.1"\nrefresh_token_expires_hours: 1\n')
    const config = loadConfig({ file, env: {} })
    expect(config.accessTokenSeconds).toBe(6 * 3600)
    expect(config.refreshTokenSeconds).toBe(48 * 3600)
  })

  it('reads the top-level email token validity the upstream docs write', () => {
    const config = loadConfig({ file: writeYaml('email_token_validity_minutes: 15\n'), env: {} })
    expect(config.emailTokenValidityMinutes).toBe(15)
  })
})
