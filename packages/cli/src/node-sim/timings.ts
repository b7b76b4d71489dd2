/**
 * Every interval a simulated node waits on, in milliseconds. The defaults are the official
 * 4.x node's; tests and the benchmark shorten them.
 */
export interface NodeTimings {
  /** First `ping` after the socket connected (upstream: 5 s). */
  firstPingMs: number
  /** `ping` interval while connected (upstream: 60 s). */
  pingIntervalMs: number
  /** Refresh the access token when less than this is left (upstream: 600 s). */
  refreshBeforeExpiryMs: number
  /** Retry delay of a failed token refresh (upstream: 30 s). */
  refreshRetryMs: number
  /** Retry delay of a failed login other than a refused API key (upstream: 10 s). */
  loginRetryMs: number
  /** Give up logging in after this long (upstream: one week). */
  loginGiveUpMs: number
  /** Retry delay of a request that could not reach the server (upstream: 1 s, forever). */
  connectionRetryMs: number
  /** Socket.IO reconnection delay, doubling up to the maximum (upstream: 1 s to 5 s). */
  reconnectDelayMs: number
  reconnectDelayMaxMs: number
  /** How long the first socket connection may take before start-up fails (upstream: 60 s). */
  initialConnectTimeoutMs: number
  /** A central method polls its sub-task's status from this interval, growing 1.5 times. */
  childPollStartMs: number
  childPollMaxMs: number
}

export const DEFAULT_TIMINGS: NodeTimings = {
  firstPingMs: 5_000,
  pingIntervalMs: 60_000,
  refreshBeforeExpiryMs: 600_000,
  refreshRetryMs: 30_000,
  loginRetryMs: 10_000,
  loginGiveUpMs: 7 * 24 * 3600_000,
  connectionRetryMs: 1_000,
  reconnectDelayMs: 1_000,
  reconnectDelayMaxMs: 5_000,
  initialConnectTimeoutMs: 60_000,
  childPollStartMs: 1_000,
  childPollMaxMs: 30_000,
}

/** The defaults with some intervals replaced. */
export function timingsWith(overrides: Partial<NodeTimings> = {}): NodeTimings {
  return { ...DEFAULT_TIMINGS, ...overrides }
}
