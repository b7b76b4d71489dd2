import type { FedhubEntityManager } from '@fedhub/shared/data'
import { writeOutbox } from '@fedhub/shared/data'
import type { Run, Task } from '@fedhub/shared/entities'
import { EVENTS } from '@fedhub/shared/events'

/** Queues `algorithm_status_change` for a run whose status the server wrote. */
export function announceStatus(
  em: FedhubEntityManager,
  run: Run,
  task: Task,
  nodeId: number | null,
): void {
  writeOutbox(em, EVENTS.runStatusChanged.subject, {
    status: run.status ?? 'unknown error',
    run_id: run.id,
    task_id: task.id,
    job_id: task.jobId ?? 0,
    collaboration_id: task.collaboration?.id,
    node_id: nodeId,
    organization_id: run.organization?.id ?? null,
    parent_id: task.parent?.id ?? null,
  })
}
