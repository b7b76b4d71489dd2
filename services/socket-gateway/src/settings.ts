import type { FedhubConfig } from '@fedhub/shared/config'

/** The gateway's timings in milliseconds, from `fedhub.socket`. */
export interface GatewaySettings {
  pingIntervalMs: number
  pingTimeoutMs: number
  presenceTtlMs: number
  sweepIntervalMs: number
  unidentifiedGraceMs: number
  maxMessageBytes: number
}

// A presence entry must outlive one full heartbeat cycle, or a live socket would look dead.
const PRESENCE_MARGIN_MS = 10_000

export function gatewaySettings(config: FedhubConfig): GatewaySettings {
  const socket = config.raw.fedhub.socket
  const pingIntervalMs = socket.ping_interval_s * 1000
  const pingTimeoutMs = socket.ping_timeout_s * 1000
  return {
    pingIntervalMs,
    pingTimeoutMs,
    presenceTtlMs:
      socket.presence_ttl_s === undefined
        ? pingIntervalMs + pingTimeoutMs + PRESENCE_MARGIN_MS
        : socket.presence_ttl_s * 1000,
    sweepIntervalMs: socket.sweep_interval_s * 1000,
    unidentifiedGraceMs: socket.unidentified_grace_s * 1000,
    maxMessageBytes: Math.round(socket.max_message_mb * 1024 * 1024),
  }
}
