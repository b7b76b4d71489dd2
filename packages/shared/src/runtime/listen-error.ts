/**
 * Why a port could not be bound, in one sentence that names the setting to change: an operator
 * who starts a second service on one machine learns which variable to set, not a stack trace.
 *
 * @example
 * listenError(error, 7603, 'FEDHUB_METRICS_PORT').message
 * // 'port 7603 is already in use: set FEDHUB_METRICS_PORT to a free port'
 */
export function listenError(error: unknown, port: number, setting: string): Error {
  const code = (error as { code?: unknown } | null)?.code
  const message =
    code === 'EADDRINUSE'
      ? `port ${port} is already in use: set ${setting} to a free port`
      : code === 'EACCES'
        ? `no permission to listen on port ${port}: set ${setting} to a port above 1023`
        : `cannot listen on port ${port} (${setting}): ${(error as Error).message}`
  return new Error(message, { cause: error })
}
