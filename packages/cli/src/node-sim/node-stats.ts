/** When one node heard of one task. */
export interface NewTaskArrival {
  nodeId: number
  taskId: number
  parentId: number | null
  /** Milliseconds since the epoch, with sub-millisecond precision. */
  at: number
}

/** What a node counts while it runs. */
export interface NodeStats {
  syncs: number
  /** Task id → when `new_task` for it first arrived. */
  newTasks: Map<number, NewTaskArrival>
  runsCompleted: number
  runsFailed: number
  runsKilled: number
  refreshes: number
  socketReplacements: number
}

export function nodeStatsOf(): NodeStats {
  return {
    syncs: 0,
    newTasks: new Map(),
    runsCompleted: 0,
    runsFailed: 0,
    runsKilled: 0,
    refreshes: 0,
    socketReplacements: 0,
  }
}
