/**
 * Transports: the event bus and key-value store every service talks through, each with a real
 * implementation (NATS JetStream, Redis) and an in-process one for standalone, plus the
 * Socket.IO adapter factory.
 */

export type { InProcessBusOptions } from './in-process-bus.ts'
/** The in-process event bus for standalone mode; see {@link EventBus}. */
export { createInProcessBus } from './in-process-bus.ts'
export type { MemoryStoreOptions } from './memory-store.ts'
/** The in-memory key-value store for standalone mode; see {@link KeyValueStore}. */
export { createMemoryStore } from './memory-store.ts'
export type { NatsBusOptions } from './nats-bus.ts'
/** The NATS JetStream event bus; resolves once connected. */
export { createNatsBus } from './nats-bus.ts'
export type { RedisStoreOptions } from './redis-store.ts'
/** The Redis key-value store. */
export { createRedisStore } from './redis-store.ts'
export type {
  SocketAdapter,
  SocketAdapterConstructor,
  SocketAdapterOptions,
} from './socket-adapter.ts'
/** The Socket.IO adapter: Redis fan-out when a URL is given, in-memory otherwise. */
export { createSocketAdapter } from './socket-adapter.ts'
export type {
  BusMessage,
  ConsumeHandler,
  ConsumerSpec,
  EventBus,
  KeyValueStore,
  MessageHeaders,
  PublishOptions,
  ReplyHandler,
  SetOptions,
  StreamSpec,
  Subscription,
} from './types.ts'
/** Thrown by a consumer handler to drop a message for good instead of retrying it. */
export { TerminateMessage } from './types.ts'
