import type { FastifyInstance } from 'fastify'
import type { JSONWebKeySet } from 'jose'
import type { Registry } from 'prom-client'
import type { FedhubConfig } from '../config/index.ts'
import type { FedhubOrm } from '../data/index.ts'
import type { ReadinessCheck } from '../http/index.ts'
import type { Logger } from '../logging/index.ts'
import type { ServiceName } from '../routes/index.ts'
import type { EventBus, KeyValueStore } from '../transports/index.ts'

/** What a service is built from: configuration and the transports chosen for this mode. */
export interface ServiceContext {
  config: FedhubConfig
  logger: Logger
  bus: EventBus
  kv: KeyValueStore
  registry: Registry
  /** Dependencies `/readyz` reports on; services add their own. */
  readiness: ReadinessCheck[]
  /**
   * Public keys that verify tokens: from configuration in a deployment; in standalone, set by
   * the composition from the key auth generated in the data folder.
   */
  publicKeys: JSONWebKeySet | undefined
  /** The database, opened on first call and shared by every service of the process. */
  openOrm(): Promise<FedhubOrm>
}

/**
 * One service as the composition sees it. `registerRoutes` adds its HTTP routes to an instance
 * (its own, or the single standalone one); `start` begins background work (consumers, relays)
 * once the process listens; `stop` ends it before transports close.
 */
export interface ServiceModule {
  name: ServiceName | 'mailer'
  registerRoutes?(app: FastifyInstance): Promise<void>
  start?(): Promise<void>
  stop?(): Promise<void>
}

/** Builds a service's module from its context; each service package exports one. */
export type ServiceFactory = (context: ServiceContext) => Promise<ServiceModule>
