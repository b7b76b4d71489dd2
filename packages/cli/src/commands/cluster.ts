import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { listenError } from '@fedhub/shared/runtime'
import type { Command } from 'commander'
import {
  CLUSTER_SERVICES,
  type Cluster,
  ClusterOptionsError,
  DataServiceUnreachable,
  startCluster,
} from '../cluster/index.ts'
import { announceRootPassword, ROOT_PASSWORD_KEPT } from '../terminal.ts'

interface ClusterFlags {
  port?: string
  host?: string
  replicas?: string
  dbUri?: string
  redisUrl?: string
  natsUrl?: string
  dataDir?: string
  logDir?: string
  fresh?: boolean
}

/** Flags win over the environment; what neither sets takes the loopback defaults. */
function optionsFrom(flags: ClusterFlags, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const fromEnv = (...names: string[]) =>
    names.map((name) => env[name]).find((value) => value !== undefined && value !== '')
  const dataDir = fromEnv('FEDHUB_DATA_DIR')
  return {
    port: flags.port,
    host: flags.host,
    replicas: flags.replicas,
    databaseUri: flags.dbUri ?? fromEnv('FEDHUB_DB_URI', 'VANTAGE6_DB_URI'),
    redisUrl: flags.redisUrl ?? fromEnv('FEDHUB_REDIS_URL'),
    natsUrl: flags.natsUrl ?? fromEnv('FEDHUB_NATS_URL'),
    redisKeyPrefix: fromEnv('FEDHUB_REDIS_KEY_PREFIX'),
    natsNamespace: fromEnv('FEDHUB_NATS_NAMESPACE'),
    dataDir: flags.dataDir ?? (dataDir === undefined ? undefined : join(dataDir, 'cluster')),
    logDir: flags.logDir,
    fresh: flags.fresh === true,
  }
}

/**
 * `fedhub cluster`: two replicas of every service on loopback with the real PostgreSQL, Redis
 * and NATS, behind one entry point built from the route table. For trying scale-out behaviour
 * on one machine; a deployment uses the Helm chart instead.
 */
export function registerClusterCommand(program: Command): void {
  program
    .command('cluster')
    .description(
      'run two replicas of every service behind one local entry point (PostgreSQL, Redis and NATS from the flags or FEDHUB_DB_URI, FEDHUB_REDIS_URL, FEDHUB_NATS_URL)',
    )
    .option('--port <port>', 'port of the entry point', '7601')
    .option('--host <address>', 'address of the entry point', '127.0.0.1')
    .option('--replicas <count>', 'replicas of each service', '2')
    .option('--db-uri <uri>', 'PostgreSQL database, created when missing')
    .option('--redis-url <url>', 'Redis')
    .option('--nats-url <url>', 'NATS with JetStream')
    .option('--data-dir <path>', 'keys and secrets (default: cluster/ in FEDHUB_DATA_DIR)')
    .option('--log-dir <path>', 'one log file per replica instead of prefixed lines on stdout')
    .option('--fresh', 'delete the FEDHUB_* streams first, dropping events of earlier runs')
    .action(async (flags: ClusterFlags) => {
      const logger = createLogger({ level: 'info', service: 'fedhub-cluster' })
      let cluster: Cluster
      let rootCreated = false
      try {
        cluster = await startCluster(optionsFrom(flags, process.env), {
          logger,
          onRootPassword: (password) => {
            rootCreated = true
            announceRootPassword(password)
          },
        })
      } catch (error) {
        // Bad flags, an unreachable dependency or a replica that would not start: one sentence
        // (plus the replica's last lines) rather than a stack trace.
        if (!(error instanceof ClusterOptionsError || error instanceof DataServiceUnreachable)) {
          logger.fatal({ err: error }, 'cannot start')
        }
        // Replicas bind free ports, so a port in use is the entry point's.
        const reason =
          (error as { code?: unknown }).code === 'EADDRINUSE'
            ? listenError(error, Number(flags.port ?? 7601), '--port').message
            : (error as Error).message
        process.stderr.write(`fedhub cluster cannot start: ${reason}\n`)
        if (rootCreated) process.stderr.write(`${ROOT_PASSWORD_KEPT}\n`)
        logger.flush()
        process.exit(1)
      }
      let stopping = false
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal, killing every replica')
          cluster.killAll()
          process.exit(1)
        }
        stopping = true
        logger.info({ signal }, 'draining every replica')
        void cluster.stop().then(
          () => {
            logger.info('cluster stopped')
            logger.flush()
            process.exit(0)
          },
          (error: unknown) => {
            logger.error({ err: error }, 'cluster did not stop cleanly')
            cluster.killAll()
            process.exit(1)
          },
        )
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
      const replicas = Object.fromEntries(
        CLUSTER_SERVICES.map((service) => [
          service,
          cluster.replicas(service).map((replica) => replica.url),
        ]),
      )
      logger.info(
        { url: cluster.url, api: `${cluster.url}${cluster.apiPath}`, replicas },
        'fedhub cluster started',
      )
    })
}
