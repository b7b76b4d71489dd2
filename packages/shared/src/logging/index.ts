export type { Logger, LoggerSettings, LogLevel } from './logger.ts'
export { createLogger, loggerOptions } from './logger.ts'
export { REDACTED_PATHS } from './redaction.ts'
export { pickRequestId, REQUEST_ID_HEADER } from './request-id.ts'
