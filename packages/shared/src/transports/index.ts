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
export { TerminateMessage } from './types.ts'
