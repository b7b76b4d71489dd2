import type { FedhubConfig } from '../config/index.ts'
import { createOrm, type FedhubOrm } from '../data/index.ts'
import { createMetricsRegistry } from '../http/index.ts'
import type { Logger } from '../logging/index.ts'
import {
  createInProcessBus,
  createMemoryStore,
  createNatsBus,
  createRedisStore,
  type EventBus,
  type KeyValueStore,
} from '../transports/index.ts'
import type { ServiceContext } from './service-module.ts'

export type RunMode = 'standalone' | 'distributed'

/**
 * Builds the context services are made from. Standalone uses the in-process bus and the
 * in-memory store; distributed requires NATS and Redis and says so when they are missing. The
 * ORM opens on first use, so services that never touch the database never connect to it.
 */
export async function createServiceContext(
  config: FedhubConfig,
  logger: Logger,
  mode: RunMode,
): Promise<ServiceContext & { close(): Promise<void> }> {
  if (mode === 'distributed' && (config.natsUrl === undefined || config.redisUrl === undefined)) {
    throw new Error(
      'a distributed service needs fedhub.nats_url and fedhub.redis_url (FEDHUB_NATS_URL, FEDHUB_REDIS_URL); use `fedhub start` to run everything in one process',
    )
  }
  const bus: EventBus =
    config.natsUrl === undefined
      ? createInProcessBus({ logger })
      : await createNatsBus({
          url: config.natsUrl,
          name: 'fedhub',
          logger,
          namespace: config.raw.fedhub.nats_namespace,
        })
  const kv: KeyValueStore =
    config.redisUrl === undefined
      ? createMemoryStore()
      : createRedisStore({
          url: config.redisUrl,
          keyPrefix: config.raw.fedhub.redis_key_prefix,
          logger,
        })
  let orm: Promise<FedhubOrm> | undefined
  const context: ServiceContext = {
    config,
    logger,
    bus,
    kv,
    registry: createMetricsRegistry(),
    publicKeys: config.publicKeys,
    readiness: [
      { name: 'bus', check: () => bus.isReady() },
      { name: 'kv', check: () => kv.isReady() },
    ],
    openOrm: () => {
      orm ??= createOrm(config, logger)
      return orm
    },
  }
  return {
    ...context,
    async close() {
      if (orm !== undefined) await (await orm).close()
      await bus.close()
      await kv.close()
    },
  }
}
