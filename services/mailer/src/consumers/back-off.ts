import type { BusMessage } from '@fedhub/shared/transports'

export interface BackOff {
  /** Wait before the first retry. */
  baseMs: number
  /** Longest wait between two attempts, however long the outage lasts. */
  capMs: number
}

/** Capped exponential back-off with jitter, from how often the message has been delivered. */
export function backOffDelay(deliveryCount: number, backOff: BackOff): number {
  const exponent = Math.min(Math.max(deliveryCount - 1, 0), 30)
  const ceiling = Math.min(backOff.capMs, backOff.baseMs * 2 ** exponent)
  // Half fixed, half random: replicas that failed together do not all retry together.
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)
}

/**
 * Runs `work` while telling the bus every `heartbeatMs` that the message is still being handled,
 * so a slow SMTP server or a long back-off never lets the ack deadline expire.
 */
export async function whileWorking<T>(
  message: BusMessage,
  heartbeatMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => message.working(), heartbeatMs)
  try {
    return await work()
  } finally {
    clearInterval(timer)
  }
}

/** Waits `ms`, or less when `signal` aborts (the mailer is stopping). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
