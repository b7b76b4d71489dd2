import { type Static, Type } from 'typebox'

const LogLevelName = Type.Enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'])

const SmtpSection = Type.Object(
  {
    server: Type.String({ default: 'localhost' }),
    port: Type.Integer({ minimum: 1, maximum: 65535, default: 1025 }),
    username: Type.String({ default: 'support@vantage6.ai' }),
    password: Type.String({ default: '' }),
    MAIL_USE_TLS: Type.Boolean({ default: true }),
    MAIL_USE_SSL: Type.Boolean({ default: false }),
    email_from: Type.String({ default: 'noreply@vantage6.ai' }),
    email_token_validity_minutes: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
)

const PasswordPolicySection = Type.Object(
  {
    max_failed_attempts: Type.Integer({ minimum: 1, default: 5 }),
    inactivation_minutes: Type.Integer({ minimum: 1, default: 15 }),
    between_user_emails_minutes: Type.Integer({ minimum: 0, default: 60 }),
  },
  { additionalProperties: false, default: {} },
)

const LoggingSection = Type.Object(
  {
    level: Type.Enum(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'], { default: 'INFO' }),
    file: Type.Optional(Type.String()),
    use_console: Type.Optional(Type.Boolean()),
    backup_count: Type.Optional(Type.Integer({ minimum: 1 })),
    max_size: Type.Optional(Type.Integer({ minimum: 17 })),
    format: Type.Optional(Type.String()),
    datefmt: Type.Optional(Type.String()),
    loggers: Type.Optional(Type.Array(Type.Object({ name: Type.String(), level: LogLevelName }))),
  },
  { additionalProperties: false, default: {} },
)

const RateLimitSection = Type.Object(
  {
    per_account_per_minute: Type.Integer({ minimum: 1, default: 10 }),
    per_address_per_minute: Type.Integer({ minimum: 1, default: 300 }),
  },
  { additionalProperties: false, default: {} },
)

/**
 * Socket.IO timings. Upstream's server pings every 25 s and waits 60 s for the answer; presence
 * entries live a little longer than that, so only a dead replica's entries ever expire.
 */
const SocketSection = Type.Object(
  {
    ping_interval_s: Type.Number({ exclusiveMinimum: 0, default: 25 }),
    ping_timeout_s: Type.Number({ exclusiveMinimum: 0, default: 60 }),
    /** Time a presence entry lives without a heartbeat; default: ping interval + timeout + 10 s. */
    presence_ttl_s: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** How often the elected gateway looks for presence entries of replicas that died. */
    sweep_interval_s: Type.Number({ exclusiveMinimum: 0, default: 30 }),
    /** A socket whose token was refused is closed this long after it was told why. */
    unidentified_grace_s: Type.Number({ minimum: 0, default: 30 }),
    /** Largest message a client may send; upstream's 1 MB drops big node configurations. */
    max_message_mb: Type.Number({ exclusiveMinimum: 0, default: 10 }),
  },
  { additionalProperties: false, default: {} },
)

/** Settings fedhub adds; none of them exist upstream, so they live in their own section. */
const FedhubSection = Type.Object(
  {
    /** Folder for the standalone database, signing keys and mails written as files. */
    data_dir: Type.String({ default: '.fedhub' }),
    /** Address the HTTP and metrics listeners bind to; every interface unless narrowed. */
    listen_host: Type.String({ minLength: 1, default: '0.0.0.0' }),
    /** Port of the Prometheus `/metrics` listener; 0 picks a free port. */
    metrics_port: Type.Integer({ minimum: 0, maximum: 65535, default: 7603 }),
    /** Unset: the in-memory key-value store and Socket.IO adapter (standalone only). */
    redis_url: Type.Optional(Type.String({ pattern: '^rediss?://' })),
    /** Prefix of every Redis key, so deployments can share one Redis without clashing. */
    redis_key_prefix: Type.String({ minLength: 1, default: 'fedhub:' }),
    /**
     * Names this deployment's subjects and streams apart on a NATS server shared with others;
     * empty keeps the plain names.
     */
    nats_namespace: Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 64, default: '' }),
    /** Unset: the in-process event bus (standalone only). */
    nats_url: Type.Optional(Type.String({ pattern: '^(nats|tls)://' })),
    body_limit_mb: Type.Number({ exclusiveMinimum: 0, default: 64 }),
    /** Proxies whose `X-Forwarded-For` entries are skipped when finding the client address. */
    trusted_proxies: Type.Array(Type.String(), { default: [] }),
    bcrypt_rounds: Type.Integer({ minimum: 4, maximum: 15, default: 12 }),
    rate_limits: RateLimitSection,
    socket: SocketSection,
    /** Plain-text root password for seeding (standalone); production uses the hash variables. */
    root_password: Type.Optional(Type.String({ minLength: 1 })),
    root_password_hash: Type.Optional(Type.String({ pattern: '^\\$2[aby]\\$\\d\\d\\$.{53}$' })),
    /** Public keys (a JWKS) that verify tokens; a mounted secret in Kubernetes. */
    public_keys: Type.Optional(
      Type.Object({
        keys: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1 }),
      }),
    ),
    /** File holding the public JWKS as JSON; read at start-up when `public_keys` is absent. */
    public_keys_file: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false, default: {} },
)

/**
 * The configuration of every fedhub process: an unchanged upstream vantage6 4.x server file is
 * valid here, with fedhub's own settings in the `fedhub` section.
 */
export const ConfigSchema = Type.Object(
  {
    description: Type.Optional(Type.String()),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 7601 }),
    api_path: Type.String({ pattern: '^(/[A-Za-z0-9._~-]+)*/?$', default: '/api' }),
    uri: Type.Optional(Type.String({ minLength: 1 })),
    allow_drop_all: Type.Boolean({ default: false }),
    server_name: Type.String({ default: 'cotopaxi' }),
    server_url: Type.Optional(Type.String()),
    token_expires_hours: Type.Union([Type.Number(), Type.String()], { default: 6 }),
    refresh_token_expires_hours: Type.Union([Type.Number(), Type.String()], { default: 48 }),
    two_factor_auth: Type.Boolean({ default: false }),
    password_policy: PasswordPolicySection,
    smtp: Type.Optional(SmtpSection),
    email_token_validity_minutes: Type.Optional(Type.Integer({ minimum: 1 })),
    support_email: Type.String({ default: 'support@vantage6.ai' }),
    cors_allowed_origins: Type.Union([Type.String(), Type.Array(Type.String())], { default: '*' }),
    runs_data_cleanup_days: Type.Optional(Type.Integer()),
    runs_data_cleanup_include_input: Type.Boolean({ default: false }),
    large_result_store: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    vpn_server: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    prometheus: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    prometheus_port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    logging: LoggingSection,
    fedhub: FedhubSection,
  },
  { additionalProperties: false },
)

/** The raw, validated configuration with defaults filled. */
export type RawConfig = Static<typeof ConfigSchema>

/**
 * Upstream keys that fedhub accepts and ignores, each worth one warning so an operator knows
 * the setting has no effect here.
 */
export const IGNORED_UPSTREAM_KEYS: Readonly<Record<string, string>> = {
  ip: 'fedhub listens on FEDHUB_PORT/port; bind addresses come from the deployment',
  rabbitmq: 'fedhub fans out through Redis and NATS; set fedhub.redis_url and fedhub.nats_url',
  jwt_secret_key: 'fedhub signs tokens with an asymmetric key set, not a shared secret',
  debug: 'use logging.level DEBUG instead',
  dev: 'development settings of the upstream CLI',
  directories: 'fedhub keeps its files in fedhub.data_dir',
  images: 'container images are chosen by the deployment',
  ui: 'the UI is deployed separately',
  algorithm_stores: 'read by nobody upstream either',
  image: 'container images are chosen by the deployment',
}
