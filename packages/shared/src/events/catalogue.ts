import type { TSchema } from 'typebox'
import type { ConsumerSpec, StreamSpec } from '../transports/index.ts'
import {
  AlgorithmLogReport,
  NodeInfoReport,
  PresenceReport,
  RunStatusReport,
} from './client-reports.ts'
import { AccountBlockedMail, PasswordResetNoticeMail, ResetTokenMail } from './mail-events.ts'
import {
  AlgorithmLogAppended,
  CollaborationChanged,
  KillListed,
  NodeKillRequested,
  RunStatusChanged,
  RunUpdateStarted,
  TaskCreated,
} from './socket-events.ts'

/** A persisted event: its subject on the bus and the schema its payload follows. */
export interface EventContract<S extends TSchema = TSchema> {
  subject: string
  schema: S
  /** Upstream Socket.IO event the gateway emits for it, when it is a socket event. */
  socketEvent?: string
}

const contract = <S extends TSchema>(subject: string, schema: S, socketEvent?: string) =>
  Object.freeze({ subject, schema, ...(socketEvent === undefined ? {} : { socketEvent }) })

/** Every persisted event fedhub publishes, by name. Subjects are never renamed once shipped. */
export const EVENTS = Object.freeze({
  taskCreated: contract('fedhub.socket.task_created', TaskCreated, 'new_task'),
  runStatusChanged: contract(
    'fedhub.socket.run_status_changed',
    RunStatusChanged,
    'algorithm_status_change',
  ),
  runUpdateStarted: contract('fedhub.socket.run_update_started', RunUpdateStarted, 'status_update'),
  algorithmLogAppended: contract(
    'fedhub.socket.algorithm_log',
    AlgorithmLogAppended,
    'algorithm_log',
  ),
  killListed: contract('fedhub.socket.kill_listed', KillListed, 'kill_containers'),
  nodeKillRequested: contract('fedhub.socket.node_kill', NodeKillRequested, 'kill_containers'),
  collaborationChanged: contract('fedhub.socket.collaboration_changed', CollaborationChanged),
  runStatusReport: contract('fedhub.report.run_status', RunStatusReport),
  algorithmLogReport: contract('fedhub.report.algorithm_log', AlgorithmLogReport),
  nodeInfoReport: contract('fedhub.report.node_info', NodeInfoReport),
  presenceReport: contract('fedhub.report.presence', PresenceReport),
  accountBlockedMail: contract('fedhub.mail.account_blocked', AccountBlockedMail),
  resetTokenMail: contract('fedhub.mail.reset_token', ResetTokenMail),
  passwordResetNoticeMail: contract('fedhub.mail.password_reset_notice', PasswordResetNoticeMail),
} satisfies Record<string, EventContract>)

/** Subject where the mailer parks mails it cannot send; `fedhub mail replay` reads it. */
export const MAIL_DEAD_LETTER_SUBJECT = 'fedhub.dead.mail'

/** Request/reply and fire-and-forget subjects (core NATS, not persisted). */
export const RPC = Object.freeze({
  /** gateway → core-api at connect: the identity's rooms, name and organization. */
  socketIdentity: 'fedhub.rpc.socket_identity',
  /** any → every verifier and gateway: an identity's token version went up. */
  tokenVersionBumped: 'fedhub.broadcast.token_version',
  /** gateway → every core-api replica: a node's `node_metrics_update`, kept as gauges. */
  nodeMetrics: 'fedhub.broadcast.node_metrics',
})

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * Streams and durable consumers, created by `fedhub migrate` (publishers never create them).
 * The mail and dead-letter limits here are ceilings; {@link streamsFor} lowers them to the
 * validity of reset tokens, so no stored event outlives the token it carries.
 */
export const STREAMS: readonly StreamSpec[] = Object.freeze([
  {
    name: 'FEDHUB_SOCKET',
    subjects: ['fedhub.socket.>'],
    maxAgeMs: DAY,
    duplicateWindowMs: 10 * MINUTE,
  },
  {
    name: 'FEDHUB_REPORT',
    subjects: ['fedhub.report.>'],
    maxAgeMs: DAY,
    duplicateWindowMs: 10 * MINUTE,
  },
  {
    name: 'FEDHUB_MAIL',
    subjects: ['fedhub.mail.>'],
    maxAgeMs: DAY,
    duplicateWindowMs: 10 * MINUTE,
  },
  { name: 'FEDHUB_DEAD', subjects: ['fedhub.dead.>'], maxAgeMs: 30 * DAY },
])

export const CONSUMERS: readonly ConsumerSpec[] = Object.freeze([
  // Both keep stream order across replicas: a kill must not overtake its task, nor one log line
  // another.
  {
    stream: 'FEDHUB_SOCKET',
    durable: 'socket-gateway',
    ackWaitMs: 30_000,
    retryDelayMs: 1_000,
    ordered: true,
  },
  {
    stream: 'FEDHUB_REPORT',
    durable: 'core-api',
    ackWaitMs: 30_000,
    retryDelayMs: 1_000,
    ordered: true,
  },
  // Longer than nodemailer's connection, greeting and socket timeouts together.
  { stream: 'FEDHUB_MAIL', durable: 'mailer', ackWaitMs: 5 * MINUTE, retryDelayMs: 5_000 },
])

/**
 * The streams as `fedhub migrate` creates them for a configuration: mail events and dead letters
 * are kept no longer than a mailed reset token is valid.
 *
 * @example
 * await bus.ensureStreams(streamsFor(config.emailTokenValidityMinutes), [...CONSUMERS])
 */
export function streamsFor(emailTokenValidityMinutes: number): StreamSpec[] {
  const tokenLifetime = emailTokenValidityMinutes * MINUTE
  return STREAMS.map((stream) =>
    stream.name === 'FEDHUB_MAIL' || stream.name === 'FEDHUB_DEAD'
      ? {
          ...stream,
          maxAgeMs: Math.min(stream.maxAgeMs ?? tokenLifetime, tokenLifetime),
          ...(stream.duplicateWindowMs === undefined
            ? {}
            : { duplicateWindowMs: Math.min(stream.duplicateWindowMs, tokenLifetime) }),
        }
      : { ...stream },
  )
}
