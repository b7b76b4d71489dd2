import type { Logger } from '@fedhub/shared/logging'
import type { NodeSession } from './node-session.ts'
import type { NodeTimings } from './timings.ts'

/**
 * Refreshes a node's access token when less than the margin is left, as the official node's
 * background thread does, and retries a failed refresh at the retry interval.
 */
export class TokenRefresher {
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly session: NodeSession,
    private readonly timings: NodeTimings,
    private readonly logger: Logger,
    private readonly onRefreshed: () => void,
  ) {}

  /** Plans the next refresh from the current token; call after every login or refresh. */
  schedule(afterRefresh = false): void {
    clearTimeout(this.timer)
    const expiresAt = this.session.expiresAt
    if (expiresAt === undefined || this.stopped) return
    let wait = Math.max(0, expiresAt - this.timings.refreshBeforeExpiryMs - Date.now())
    // A token that lives shorter than the margin must not turn into a refresh loop.
    if (afterRefresh) wait = Math.max(wait, this.timings.refreshRetryMs)
    this.timer = setTimeout(() => void this.refresh(), wait)
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private async refresh(): Promise<void> {
    try {
      await this.session.refresh()
    } catch (error) {
      if (this.stopped) return
      this.logger.warn({ err: error }, 'token refresh failed, retrying')
      this.timer = setTimeout(() => void this.refresh(), this.timings.refreshRetryMs)
      return
    }
    this.onRefreshed()
    this.schedule(true)
  }
}
