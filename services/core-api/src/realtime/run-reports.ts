import { type FedhubEntityManager, writeOutbox } from '@fedhub/shared/data'
import type { AlgorithmLogReportEvent, RunStatusReportEvent } from '@fedhub/shared/events'
import { EVENTS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import { hasFailed } from '../domain/federated/run-status.ts'
import type { AnnouncedStatuses } from '../domain/runs/announced-statuses.ts'

interface ReportedRun {
  id: number
  status: string | null
  organization_id: number
  task_id: number
  job_id: number | null
  collaboration_id: number
  parent_id: number | null
}

const RUN_OF_SENDER = `select r.id, r.status, r.organization_id, t.id as task_id, t.job_id,
    t.collaboration_id, t.parent_id
  from run r join task t on t.id = r.task_id
  where r.id = ? and r.organization_id = ? and t.collaboration_id = ?`

/**
 * The run a node reports on, provided it is a run of the node's own organization in the node's
 * own collaboration. Upstream trusts the payload; here a node cannot reach other runs.
 */
async function runOfSender(
  em: FedhubEntityManager,
  report: RunStatusReportEvent | AlgorithmLogReportEvent,
): Promise<ReportedRun | undefined> {
  const [row] = (await em.execute(RUN_OF_SENDER, [
    report.run_id,
    report.sender.organization_id,
    report.sender.collaboration_id,
  ])) as ReportedRun[]
  return row
}

/**
 * A node's `algorithm_status_change`: re-broadcast to its collaboration. When the run already
 * holds the reported status, the node's own PATCH announced it, so it is not sent twice; when
 * it does not, the status is remembered, so the PATCH that follows does not announce it again.
 */
export async function handleRunStatusReport(
  em: FedhubEntityManager,
  report: RunStatusReportEvent,
  announced: AnnouncedStatuses,
  log: Logger,
): Promise<void> {
  const relayed = await em.transactional(async (tx) => {
    const run = await runOfSender(tx, report)
    if (run === undefined) {
      log.warn(
        { runId: report.run_id, nodeId: report.sender.node_id },
        'status report for a run outside the node’s organization and collaboration dropped',
      )
      return false
    }
    // A kill was asked for: the node confirming it is no failure of the run.
    if (report.status === 'killed by user') {
      log.info({ runId: run.id }, 'node reports a killed run')
    } else if (hasFailed(report.status)) {
      log.error({ runId: run.id, status: report.status }, 'node reports a failed run')
    }
    if (run.status === report.status) return false
    writeOutbox(tx, EVENTS.runStatusChanged.subject, {
      status: report.status,
      run_id: Number(run.id),
      task_id: Number(run.task_id),
      job_id: Number(run.job_id ?? 0),
      collaboration_id: Number(run.collaboration_id),
      node_id: report.sender.node_id,
      organization_id: Number(run.organization_id),
      parent_id: run.parent_id === null ? null : Number(run.parent_id),
    })
    return true
  })
  if (relayed) await announced.remember(report.run_id, report.status)
}

// One statement appends, so concurrent lines never overwrite each other; a newline separates a
// line from a stored log that does not end with one.
const APPEND_LOG = `update run set log = case
    when log is null or log = '' then ?
    when substr(log, length(log)) = ? then log || ?
    else log || ? || ? end
  where id = ?`

/** A node's `algorithm_log` line: appended to the run's log, then relayed to its collaboration. */
export async function handleAlgorithmLogReport(
  em: FedhubEntityManager,
  report: AlgorithmLogReportEvent,
  log: Logger,
): Promise<void> {
  await em.transactional(async (tx) => {
    const run = await runOfSender(tx, report)
    if (run === undefined) {
      log.warn(
        { runId: report.run_id, nodeId: report.sender.node_id },
        'log line for a run outside the node’s organization and collaboration dropped',
      )
      return
    }
    const line = report.log
    await tx.execute(APPEND_LOG, [line, '\n', line, '\n', line, run.id])
    writeOutbox(tx, EVENTS.algorithmLogAppended.subject, {
      run_id: Number(run.id),
      task_id: Number(run.task_id),
      collaboration_id: Number(run.collaboration_id),
      log: line,
    })
  })
}
