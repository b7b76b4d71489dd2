import { Ajv, type ErrorObject } from 'ajv'
import { type Static, Type } from 'typebox'

/** The services `fedhub cluster` runs, in the order they start. */
export const CLUSTER_SERVICES = ['core-api', 'auth', 'socket-gateway', 'mailer'] as const
export type ClusterService = (typeof CLUSTER_SERVICES)[number]

const ClusterOptionsSchema = Type.Object(
  {
    /** Port of the entry point; 0 picks a free one (tests). */
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 7601 }),
    /** Address of the entry point; loopback unless the operator says otherwise. */
    host: Type.String({ minLength: 1, default: '127.0.0.1' }),
    replicas: Type.Integer({ minimum: 1, maximum: 8, default: 2 }),
    databaseUri: Type.String({
      pattern: '^postgres(ql)?(\\+[A-Za-z0-9_]+)?://',
      default: 'postgresql://postgres@127.0.0.1:5432/fedhub_cluster',
    }),
    redisUrl: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
    natsUrl: Type.String({ pattern: '^(nats|tls)://', default: 'nats://127.0.0.1:4222' }),
    dataDir: Type.String({ minLength: 1, default: '.fedhub/cluster' }),
    redisKeyPrefix: Type.Optional(Type.String({ maxLength: 200 })),
    /** Keeps this cluster's NATS subjects and streams apart from others on the same server. */
    natsNamespace: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 64 })),
    /** Folder for one log file per replica; without it, lines go to stdout with a prefix. */
    logDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Delete the FEDHUB_* streams before migrating, so no earlier event reaches this cluster. */
    fresh: Type.Boolean({ default: false }),
    healthIntervalMs: Type.Integer({ minimum: 50, default: 1_000 }),
    healthTimeoutMs: Type.Integer({ minimum: 50, default: 2_000 }),
    /** How long one replica may take from spawn to a healthy `/healthz`. */
    startTimeoutMs: Type.Integer({ minimum: 1_000, default: 120_000 }),
    /** How long a replica may drain after SIGTERM before it is killed. */
    stopTimeoutMs: Type.Integer({ minimum: 100, default: 15_000 }),
  },
  { additionalProperties: false },
)

export type ClusterOptions = Static<typeof ClusterOptionsSchema>
/** What a caller passes: every field may be left out and takes its default. */
export type ClusterInput = Partial<ClusterOptions>

/** Thrown for unusable options; `problems` names every bad option at once. */
export class ClusterOptionsError extends Error {
  readonly problems: string[]

  constructor(problems: string[]) {
    super(`invalid cluster options:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ClusterOptionsError'
    this.problems = problems
  }
}

// Coercion lets command-line strings ("7601") through the same schema as programmatic input.
const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: false })
const validate = ajv.compile<ClusterOptions>(ClusterOptionsSchema)

function describe(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, '') || String(error.params.additionalProperty)
  return `${field}: ${error.message ?? 'is invalid'}`
}

/**
 * Validates cluster options and fills in the defaults: PostgreSQL, Redis and NATS on loopback,
 * two replicas per service, entry point on 127.0.0.1:7601.
 *
 * @example
 * resolveClusterOptions({ port: '0', fresh: true }).replicas // 2
 */
export function resolveClusterOptions(input: Record<string, unknown>): ClusterOptions {
  const candidate: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) if (value !== undefined) candidate[key] = value
  if (!validate(candidate)) throw new ClusterOptionsError((validate.errors ?? []).map(describe))
  return Object.freeze(candidate as ClusterOptions)
}
