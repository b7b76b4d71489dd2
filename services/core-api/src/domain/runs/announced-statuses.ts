import type { Logger } from '@fedhub/shared/logging'
import type { KeyValueStore } from '@fedhub/shared/transports'

/**
 * Run statuses a node's socket report already announced, remembered briefly in the shared store.
 * The 4.x node reports a finished run over its socket and then PATCHes the same status; the
 * PATCH must not announce it a second time. (The other order, PATCH first, is caught by
 * comparing the report with the stored status.)
 */
export interface AnnouncedStatuses {
  remember(runId: number, status: string): Promise<void>
  wasAnnounced(runId: number, status: string): Promise<boolean>
}

// Covers the node's two lookups between its socket report and its PATCH, with room to spare.
const REMEMBER_MS = 10 * 60_000
const keyOf = (runId: number) => `run:announced-status:${runId}`

export function createAnnouncedStatuses(kv: KeyValueStore, log: Logger): AnnouncedStatuses {
  return {
    async remember(runId, status) {
      try {
        await kv.set(keyOf(runId), status, { ttlMs: REMEMBER_MS })
      } catch (err) {
        log.warn({ err, runId }, 'announced run status not remembered; the PATCH announces again')
      }
    },
    async wasAnnounced(runId, status) {
      try {
        return (await kv.get(keyOf(runId))) === status
      } catch (err) {
        // Announcing twice beats not announcing at all.
        log.warn({ err, runId }, 'announced run status unknown; announcing')
        return false
      }
    },
  }
}
