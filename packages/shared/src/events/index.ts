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
  PresenceReportEvent,
  RunStatusReportEvent,
} from './client-reports.ts'
export { NodeMetricsReport, SocketIdentityRef } from './client-reports.ts'
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
  RunStatusChangedEvent,
  RunUpdateStartedEvent,
  TaskCreatedEvent,
} from './socket-events.ts'
export type {
  SocketIdentity,
  SocketIdentityReplyValue,
  SocketIdentityRequestValue,
} from './socket-identity.ts'
export { ROOMS, SocketIdentityReply, SocketIdentityRequest } from './socket-identity.ts'
export { eventProblems, isEvent, schemaProblems } from './validate-event.ts'
