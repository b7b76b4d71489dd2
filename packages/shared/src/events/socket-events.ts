import { type Static, Type } from 'typebox'

const Id = Type.Integer({ minimum: 1 })
const NullableId = Type.Union([Id, Type.Null()])

/**
 * Events core-api writes to the outbox for socket clients. The gateway turns each into the
 * upstream Socket.IO event named in `socketEvent`, sent to the rooms the payload determines.
 */
export const TaskCreated = Type.Object({
  id: Id,
  parent_id: NullableId,
  collaboration_id: Id,
})

export const RunStatusChanged = Type.Object({
  status: Type.String(),
  run_id: Id,
  task_id: Id,
  job_id: Type.Integer(),
  collaboration_id: Id,
  node_id: NullableId,
  organization_id: NullableId,
  parent_id: NullableId,
})

export const RunUpdateStarted = Type.Object({ run_id: Id, collaboration_id: Id })

export const AlgorithmLogAppended = Type.Object({
  run_id: Id,
  task_id: Id,
  collaboration_id: Id,
  log: Type.String(),
})

export const KillListed = Type.Object({
  collaboration_id: Id,
  kill_list: Type.Array(Type.Object({ task_id: Id, run_id: Id, organization_id: Id })),
})

export const NodeKillRequested = Type.Object({ node_id: Id, collaboration_id: Id })

export const CollaborationChanged = Type.Object({
  collaboration_id: Id,
  change: Type.Enum(['created', 'updated', 'deleted', 'membership']),
})

export type TaskCreatedEvent = Static<typeof TaskCreated>
export type RunStatusChangedEvent = Static<typeof RunStatusChanged>
export type RunUpdateStartedEvent = Static<typeof RunUpdateStarted>
export type AlgorithmLogAppendedEvent = Static<typeof AlgorithmLogAppended>
export type KillListedEvent = Static<typeof KillListed>
export type NodeKillRequestedEvent = Static<typeof NodeKillRequested>
export type CollaborationChangedEvent = Static<typeof CollaborationChanged>
