// Defaults both buses share, so standalone and the cluster behave alike when a spec leaves
// something out. The dedup window is JetStream's own default.

/** Delay before a failed message is offered again. */
export const DEFAULT_RETRY_DELAY_MS = 1_000
/** How long a request waits for its reply. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000
/** Window in which a repeated message id is dropped. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000
