import type { LogContext, LoggerNamespace, Logger as OrmLogger } from '@mikro-orm/core'
import type { Logger } from '../logging/index.ts'

const ALL_NAMESPACES: LoggerNamespace[] = ['query', 'query-params', 'schema', 'discovery', 'info']

/**
 * Routes MikroORM's namespaced logging into pino: queries and discovery at debug, warnings and
 * errors at their own level. Formatting work is skipped unless pino's debug level is on.
 */
export class PinoOrmLogger implements OrmLogger {
  readonly #log: Logger
  #namespaces: Set<string>

  constructor(log: Logger) {
    this.#log = log.child({ component: 'orm' })
    this.#namespaces = new Set(ALL_NAMESPACES)
  }

  log(namespace: string, message: string, context?: LogContext): void {
    if (!this.#log.isLevelEnabled('debug')) return
    this.#log.debug({ namespace, ...pick(context) }, message)
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.#log.error({ namespace, ...pick(context) }, message)
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.#log.warn({ namespace, ...pick(context) }, message)
  }

  logQuery(context: LogContext): void {
    if (!this.isEnabled('query', context)) return
    this.#log.debug({ namespace: 'query', ...pick(context) }, context.query ?? '')
  }

  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    if (debugMode === true) this.#namespaces = new Set(ALL_NAMESPACES)
    else if (debugMode === false) this.#namespaces = new Set()
    else this.#namespaces = new Set(debugMode)
  }

  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    if (context?.enabled === false) return false
    return this.#namespaces.has(namespace) && this.#log.isLevelEnabled('debug')
  }
}

// Query parameters may hold password hashes or tokens, so only timing and counts are logged.
function pick(context: LogContext | undefined): Record<string, unknown> {
  if (context === undefined) return {}
  const { took, results, affected, label } = context
  return { took, results, affected, label }
}
