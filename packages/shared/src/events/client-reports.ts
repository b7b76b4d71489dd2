import { type Static, Type } from 'typebox'

const Id = Type.Integer({ minimum: 1 })

/** Who sent a report: the gateway stamps the socket's verified identity on every report. */
export const ReportSender = Type.Object({
  node_id: Id,
  organization_id: Id,
  collaboration_id: Id,
})

/** Node → server `algorithm_status_change`, relayed by the gateway for core-api to check. */
export const RunStatusReport = Type.Object({
  sender: ReportSender,
  status: Type.String(),
  run_id: Id,
  task_id: Type.Optional(Type.Integer()),
  parent_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
})

/** Node → server `algorithm_log`: one line of a running container. */
export const AlgorithmLogReport = Type.Object({
  sender: ReportSender,
  run_id: Id,
  task_id: Type.Optional(Type.Integer()),
  log: Type.String(),
})

/** Node → server `node_info_update`: the node's configuration as it shares it. */
export const NodeInfoReport = Type.Object({
  sender: ReportSender,
  info: Type.Record(Type.String(), Type.Unknown()),
})

/** Node → server `node_metrics_update`. */
export const NodeMetricsReport = Type.Object({
  sender: ReportSender,
  metrics: Type.Record(Type.String(), Type.Unknown()),
})

/** The user or node a socket speaks for. */
export const SocketIdentityRef = Type.Object({
  type: Type.Enum(['user', 'node']),
  id: Id,
})

/**
 * What a gateway saw of an identity's presence: its first socket connected, its last socket
 * went away (or the sweeper found only expired entries), or a `ping` arrived.
 */
export const PresenceReport = Type.Object({
  identity: SocketIdentityRef,
  change: Type.Enum(['online', 'offline', 'ping']),
  at: Type.String({ format: 'date-time' }),
})

export type RunStatusReportEvent = Static<typeof RunStatusReport>
export type AlgorithmLogReportEvent = Static<typeof AlgorithmLogReport>
export type NodeInfoReportEvent = Static<typeof NodeInfoReport>
export type NodeMetricsReportEvent = Static<typeof NodeMetricsReport>
export type PresenceReportEvent = Static<typeof PresenceReport>
export type SocketIdentityRefValue = Static<typeof SocketIdentityRef>
