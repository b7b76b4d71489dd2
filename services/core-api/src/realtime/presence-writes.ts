import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Authenticatable, NodeConfig } from '@fedhub/shared/entities'
import type { PresenceReportEvent } from '@fedhub/shared/events'

/**
 * Writes what a gateway saw of an identity's presence: `online` when its first socket connected,
 * `offline` when its last one went (a node's shared configuration goes with it), `ping` marks
 * it online and seen now. Only transitions reach here, so a node that reconnected elsewhere
 * before its old socket died is never written offline.
 */
export async function recordPresence(
  em: FedhubEntityManager,
  report: PresenceReportEvent,
): Promise<void> {
  const { id, type } = report.identity
  if (report.change === 'ping') {
    await em.nativeUpdate(
      Authenticatable,
      { id },
      { status: 'online', lastSeen: new Date(report.at) },
    )
    return
  }
  const status = report.change
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(Authenticatable, { id }, { status })
    if (status === 'offline' && type === 'node') await tx.nativeDelete(NodeConfig, { node: id })
  })
}
