/**
 * Transport interfaces. Each has a real implementation (NATS JetStream, Redis) for the
 * distributed deployment and an embedded one for standalone; both pass the same contract tests.
 */

/** Headers carried with a message; the request id travels as `x-request-id`. */
export type MessageHeaders = Record<string, string>

export interface PublishOptions {
  /** Deduplication id: a second publish with the same id inside the stream's window is dropped. */
  messageId?: string
  headers?: MessageHeaders
}

export interface BusMessage {
  subject: string
  data: unknown
  headers: MessageHeaders
  /**
   * The deduplication id the publisher gave (`PublishOptions.messageId`, `Nats-Msg-Id` on NATS),
   * so a consumer can key its own idempotency on it; absent when none was given.
   */
  messageId?: string
  /** How many times this message has been delivered, starting at 1. */
  deliveryCount: number
  /** Tells the bus the handler is still working, so the ack deadline is pushed back. */
  working(): void
}

/** A stream that `fedhub migrate` creates; publishers never create streams. */
export interface StreamSpec {
  name: string
  subjects: string[]
  /** Messages older than this are dropped. */
  maxAgeMs?: number
  /** Window in which a repeated message id is dropped. */
  duplicateWindowMs?: number
}

/** A durable consumer shared by every replica: each message goes to one of them. */
export interface ConsumerSpec {
  stream: string
  durable: string
  filterSubject?: string
  /** Time a handler may take before the message is redelivered (unless `working()` is called). */
  ackWaitMs: number
  /** Delay before a failed message is offered again; 1 s when absent. */
  retryDelayMs?: number
  /** Messages one `consume()` call handles at once; 1 (in order) when absent. */
  maxInFlight?: number
  /**
   * One message at a time across every replica, in stream order (JetStream `max_ack_pending`
   * 1), for events whose order matters, such as log lines of one run.
   */
  ordered?: boolean
}

/** Outcome a consumer handler can ask for besides success (resolve) and retry (throw). */
export class TerminateMessage extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'TerminateMessage'
  }
}

export interface Subscription {
  /** Stops taking new messages and waits for handlers in flight. */
  stop(): Promise<void>
}

export type ConsumeHandler = (message: BusMessage) => Promise<void>
export type ReplyHandler = (data: unknown, headers: MessageHeaders) => Promise<unknown>

/**
 * Event bus: at-least-once streams with durable consumers, and request/reply.
 * A handler that resolves acknowledges the message; one that throws has it redelivered after
 * `retryDelayMs`; one that throws {@link TerminateMessage} drops it for good.
 */
export interface EventBus {
  ensureStreams(streams: StreamSpec[], consumers: ConsumerSpec[]): Promise<void>
  publish(subject: string, data: unknown, options?: PublishOptions): Promise<void>
  consume(spec: ConsumerSpec, handler: ConsumeHandler): Promise<Subscription>
  /** Fire-and-forget subject for every listener (not persisted), e.g. cache invalidation. */
  broadcast(subject: string, data: unknown, headers?: MessageHeaders): Promise<void>
  listen(subject: string, handler: (data: unknown, headers: MessageHeaders) => void): Subscription
  request(
    subject: string,
    data: unknown,
    options?: { timeoutMs?: number; headers?: MessageHeaders },
  ): Promise<unknown>
  /** Answers requests on a subject; replicas share the load (queue group). */
  reply(subject: string, handler: ReplyHandler): Subscription
  /** Whether the bus can take messages now (for `/readyz`). */
  isReady(): Promise<boolean>
  close(): Promise<void>
}

export interface SetOptions {
  ttlMs?: number
  /** Only set when the key does not exist; `set` then answers whether it did set. */
  onlyIfAbsent?: boolean
}

/** Key-value store with expiry and atomic counters, shared by every replica. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  /** Answers `false` only when `onlyIfAbsent` was given and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>
  delete(key: string): Promise<void>
  /** Adds `by` (default 1) atomically and answers the new value; `ttlMs` applies when created. */
  increment(key: string, options?: { by?: number; ttlMs?: number }): Promise<number>
  /** Remaining time to live in ms, or `undefined` for a missing key or one without expiry. */
  ttl(key: string): Promise<number | undefined>
  isReady(): Promise<boolean>
  close(): Promise<void>
}
