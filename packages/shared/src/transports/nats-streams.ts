import {
  AckPolicy,
  type ConsumerInfo,
  DeliverPolicy,
  type JetStreamManager,
  NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamInfo,
} from 'nats'
import type { Logger } from '../logging/index.ts'
import { DEFAULT_DUPLICATE_WINDOW_MS } from './bus-defaults.ts'
import type { ConsumerSpec, StreamSpec } from './types.ts'

// JetStream API error codes (server/errors.json), stable across server versions.
const STREAM_NOT_FOUND = 10059
const CONSUMER_NOT_FOUND = 10014

function isApiError(err: unknown, code: number): boolean {
  return err instanceof NatsError && err.api_error?.err_code === code
}

async function findStream(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name)
  } catch (err) {
    if (isApiError(err, STREAM_NOT_FOUND)) return undefined
    throw err
  }
}

async function findConsumer(jsm: JetStreamManager, spec: ConsumerSpec) {
  try {
    return await jsm.consumers.info(spec.stream, spec.durable)
  } catch (err) {
    if (isApiError(err, CONSUMER_NOT_FOUND)) return undefined
    throw err
  }
}

function streamSettings(spec: StreamSpec) {
  const maxAgeMs = spec.maxAgeMs ?? 0
  // The server refuses a dedup window longer than the maximum age.
  const windowMs =
    spec.duplicateWindowMs ??
    (maxAgeMs > 0 ? Math.min(maxAgeMs, DEFAULT_DUPLICATE_WINDOW_MS) : DEFAULT_DUPLICATE_WINDOW_MS)
  return { subjects: spec.subjects, max_age: nanos(maxAgeMs), duplicate_window: nanos(windowMs) }
}

function sameStream(info: StreamInfo, wanted: ReturnType<typeof streamSettings>): boolean {
  const { config } = info
  return (
    config.max_age === wanted.max_age &&
    config.duplicate_window === wanted.duplicate_window &&
    [...config.subjects].sort().join(' ') === [...wanted.subjects].sort().join(' ')
  )
}

// NATS' own default when a consumer need not keep order.
const DEFAULT_MAX_ACK_PENDING = 1000

const maxAckPending = (spec: ConsumerSpec) => (spec.ordered === true ? 1 : DEFAULT_MAX_ACK_PENDING)

function sameConsumer(info: ConsumerInfo, spec: ConsumerSpec): boolean {
  return (
    info.config.ack_wait === nanos(spec.ackWaitMs) &&
    (info.config.filter_subject || undefined) === spec.filterSubject &&
    info.config.max_ack_pending === maxAckPending(spec)
  )
}

/**
 * Creates missing streams and durable pull consumers and brings changed ones in line, so running
 * it again is harmless. Only settings NATS 2.9 knows are used (one filter subject per consumer).
 */
export async function ensureNatsStreams(
  jsm: JetStreamManager,
  streams: StreamSpec[],
  consumers: ConsumerSpec[],
  log: Logger,
): Promise<void> {
  for (const spec of streams) {
    const wanted = streamSettings(spec)
    const existing = await findStream(jsm, spec.name)
    if (existing === undefined) {
      await jsm.streams.add({
        name: spec.name,
        ...wanted,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
      })
      log.info({ stream: spec.name }, 'stream created')
    } else if (!sameStream(existing, wanted)) {
      await jsm.streams.update(spec.name, { ...existing.config, ...wanted })
      log.info({ stream: spec.name }, 'stream updated')
    }
  }
  for (const spec of consumers) {
    const existing = await findConsumer(jsm, spec)
    if (existing === undefined) {
      await jsm.consumers.add(spec.stream, {
        durable_name: spec.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(spec.ackWaitMs),
        max_deliver: -1,
        max_ack_pending: maxAckPending(spec),
        ...(spec.filterSubject === undefined ? {} : { filter_subject: spec.filterSubject }),
      })
      log.info({ stream: spec.stream, durable: spec.durable }, 'consumer created')
    } else if (!sameConsumer(existing, spec)) {
      await jsm.consumers.update(spec.stream, spec.durable, {
        ack_wait: nanos(spec.ackWaitMs),
        max_ack_pending: maxAckPending(spec),
        // Explicitly undefined clears a filter; an empty string would make an invalid API subject.
        filter_subject: spec.filterSubject,
      })
      log.info({ stream: spec.stream, durable: spec.durable }, 'consumer updated')
    }
  }
}
