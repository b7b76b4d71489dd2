import type { FedhubOrm } from '@fedhub/shared/data'
import {
  CONSUMERS,
  EVENTS,
  type EventContract,
  eventProblems,
  NodeMetricsReport,
  RPC,
  SocketIdentityRequest,
  schemaProblems,
} from '@fedhub/shared/events'
import type { ServiceContext } from '@fedhub/shared/runtime'
import { type BusMessage, type Subscription, TerminateMessage } from '@fedhub/shared/transports'
import { ConstraintViolationException } from '@mikro-orm/core'
import type { AnnouncedStatuses } from '../domain/runs/announced-statuses.ts'
import { replaceNodeConfig } from './node-info.ts'
import { createNodeMetrics } from './node-metrics.ts'
import { recordPresence } from './presence-writes.ts'
import { handleAlgorithmLogReport, handleRunStatusReport } from './run-reports.ts'
import { resolveSocketIdentity } from './socket-identity.ts'

const REPORTS = CONSUMERS.find((consumer) => consumer.durable === 'core-api')

/**
 * core-api's side of the sockets: answers the gateways' identity lookups, writes what nodes
 * report (run status, log lines, configuration, presence) and keeps node metrics as gauges.
 * Answers a function that stops all of it.
 */
export async function startRealtime(
  context: ServiceContext,
  orm: FedhubOrm,
  announced: AnnouncedStatuses,
): Promise<() => Promise<void>> {
  const log = context.logger.child({ component: 'realtime' })
  const { bus } = context
  if (REPORTS === undefined) throw new Error('the core-api report consumer is not in CONSUMERS')
  const subscriptions: Subscription[] = []

  subscriptions.push(
    bus.reply(RPC.socketIdentity, async (data) => {
      const problems = schemaProblems(SocketIdentityRequest, data)
      if (problems.length > 0) throw new Error(`bad identity request: ${problems.join('; ')}`)
      return resolveSocketIdentity(orm.em.fork(), data as never)
    }),
  )

  const metrics = createNodeMetrics(context.registry, log)
  subscriptions.push(
    bus.listen(RPC.nodeMetrics, (data) => {
      if (schemaProblems(NodeMetricsReport, data).length > 0) return
      const report = data as { sender: { node_id: number }; metrics: Record<string, unknown> }
      metrics.record(report.sender.node_id, report.metrics)
    }),
  )

  const handle = async (message: BusMessage) => {
    const em = orm.em.fork()
    const check = (contract: EventContract) => {
      const problems = eventProblems(contract, message.data)
      if (problems.length > 0) throw new TerminateMessage(problems.join('; '))
      return message.data as never
    }
    switch (message.subject) {
      case EVENTS.runStatusReport.subject:
        return handleRunStatusReport(em, check(EVENTS.runStatusReport), announced, log)
      case EVENTS.algorithmLogReport.subject:
        return handleAlgorithmLogReport(em, check(EVENTS.algorithmLogReport), log)
      case EVENTS.nodeInfoReport.subject: {
        const written = await replaceNodeConfig(em, check(EVENTS.nodeInfoReport))
        if (!written) log.info('configuration of a deleted node dropped')
        return
      }
      case EVENTS.presenceReport.subject:
        return recordPresence(em, check(EVENTS.presenceReport))
      default:
        throw new TerminateMessage(`no handler for ${message.subject}`)
    }
  }
  subscriptions.push(
    await bus.consume(REPORTS, async (message) => {
      try {
        await handle(message)
      } catch (err) {
        // Reports are consumed in order, so one that can never succeed must not block the rest.
        if (err instanceof TerminateMessage || err instanceof ConstraintViolationException) {
          log.warn({ err, subject: message.subject }, 'report dropped')
          throw err instanceof TerminateMessage ? err : new TerminateMessage(err.message)
        }
        log.error({ err, subject: message.subject }, 'report failed; retried')
        throw err
      }
    }),
  )
  return async () => {
    for (const subscription of subscriptions) await subscription.stop()
  }
}
