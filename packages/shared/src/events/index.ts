export type { EventContract } from './catalogue.ts'
export {
  CONSUMERS,
  EVENTS,
  MAIL_DEAD_LETTER_SUBJECT,
  RPC,
  STREAMS,
  streamsFor,
} from './catalogue.ts'
export type {
  AlgorithmLogReportEvent,
  NodeInfoReportEvent,
  NodeMetricsReportEvent,
  NodePresenceReportEvent,
  RunStatusReportEvent,
} from './client-reports.ts'
export type {
  AccountBlockedMailEvent,
  PasswordResetNoticeMailEvent,
  ResetTokenMailEvent,
} from './mail-events.ts'
export type {
  AlgorithmLogAppendedEvent,
  CollaborationChangedEvent,
  KillListedEvent,
  NodeKillRequestedEvent,
  NodeStatusChangedEvent,
  RunStatusChangedEvent,
  RunUpdateStartedEvent,
  TaskCreatedEvent,
} from './socket-events.ts'
export { eventProblems, isEvent } from './validate-event.ts'
