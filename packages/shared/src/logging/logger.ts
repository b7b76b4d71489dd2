import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino'
import { REDACTED_PATHS } from './redaction.ts'

export type { Logger } from 'pino'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface LoggerSettings {
  level: LogLevel
  /** Bound to every line, so lines from a composed process tell the services apart. */
  service: string
}

/** pino options shared by our own logger and fastify's, so both redact the same fields. */
export function loggerOptions(settings: LoggerSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  }
}

/**
 * Creates the structured logger for one service.
 *
 * @example
 * const log = createLogger({ level: 'info', service: 'auth' })
 * log.info({ userId: 3 }, 'user logged in')
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  return destination === undefined
    ? pino(loggerOptions(settings))
    : pino(loggerOptions(settings), destination)
}
