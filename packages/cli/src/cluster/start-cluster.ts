import { mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { parseDatabaseUri } from '@fedhub/shared/config'
import { createLogger, type Logger } from '@fedhub/shared/logging'
import type { ServiceName } from '@fedhub/shared/routes'
import { createEntryPoint } from './entry-point.ts'
import { freePort } from './free-port.ts'
import { startHealthProbes } from './health-probes.ts'
import { CLUSTER_SERVICES, type ClusterService, resolveClusterOptions } from './options.ts'
import { checkDataServices } from './preflight.ts'
import { clusterConfig, deleteStreams, ensureDatabase, migrate, prepareKeys } from './prepare.ts'
import { createReplicaProcess, type ReplicaProcess } from './replica-process.ts'
import { type ReplicaEndpoint, ReplicaStates } from './replica-state.ts'
import { createRoundRobin } from './round-robin.ts'
import { waitUntilUp } from './wait-until-up.ts'

export interface ClusterReplica {
  name: string
  url: string
  /** Whether the entry point sends it traffic right now. */
  up: boolean
  pid: number | undefined
  /** How its last process ended, once one has: a clean drain exits with code 0. */
  lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined
}

/** A running cluster: its entry point, its replicas, and handles for fault tests. */
export interface Cluster {
  /** The entry point, e.g. `http://127.0.0.1:7601`. */
  url: string
  apiPath: string
  /** Present only when this start created `root` with a generated password. */
  generatedRootPassword: string | undefined
  replicas(service: ClusterService): ClusterReplica[]
  /** Sends a signal to one replica: SIGKILL, SIGTERM, SIGSTOP, SIGCONT. */
  kill(service: ClusterService, index: number, signal?: NodeJS.Signals): void
  /** Stops one replica (if it runs) and starts it again on its port; resolves once it is up. */
  restart(service: ClusterService, index: number): Promise<void>
  /** Drains: no new requests, every replica SIGTERM, then SIGKILL for those still running. */
  stop(): Promise<void>
  /** Kills every replica at once; for a second Ctrl-C. */
  killAll(): void
}

export interface StartClusterExtras {
  /** Base environment of the replicas and the migrate step (FEDHUB_ROOT_PASSWORD, …). */
  env?: NodeJS.ProcessEnv
  logger?: Logger
  /** Deletes this cluster's streams when it stops: for throwaway clusters in tests. */
  dropStreamsOnStop?: boolean
  /** Called as soon as `root` was created with a generated password, before any replica starts. */
  onRootPassword?: (password: string) => void
}

const requireHere = createRequire(import.meta.url)
const PACKAGE_OF: Record<ClusterService, string> = {
  auth: '@fedhub/auth',
  'core-api': '@fedhub/core-api',
  'socket-gateway': '@fedhub/socket-gateway',
  mailer: '@fedhub/mailer',
}

/** Each service's `main.ts` sits beside the `index.ts` its package exports. */
function mainFileOf(service: ClusterService): string {
  return join(dirname(requireHere.resolve(PACKAGE_OF[service])), 'main.ts')
}

/**
 * Starts every service `replicas` times on loopback behind one entry point, after preparing
 * what a deployment needs: the database (created if missing, then migrated), the JetStream
 * streams (deleted first with `fresh`), the signing keys and the API-key secret.
 *
 * @example
 * const cluster = await startCluster({ port: 0, fresh: true })
 * await fetch(`${cluster.url}/api/version`)
 * cluster.kill('socket-gateway', 0, 'SIGKILL')
 * await cluster.stop()
 */
export async function startCluster(
  input: Record<string, unknown> = {},
  extras: StartClusterExtras = {},
): Promise<Cluster> {
  const options = resolveClusterOptions(input)
  const baseEnv = extras.env ?? process.env
  const dataDir = resolve(options.dataDir)
  const logDir = options.logDir === undefined ? undefined : resolve(options.logDir)
  await mkdir(dataDir, { recursive: true })

  const database = parseDatabaseUri(options.databaseUri, dataDir)
  if (database.driver !== 'postgresql') throw new Error('the cluster needs a PostgreSQL database')
  await checkDataServices({
    database: database.clientUrl,
    redis: options.redisUrl,
    nats: options.natsUrl,
  })
  await ensureDatabase(options.databaseUri, dataDir)
  const publicKeysFile = await prepareKeys(dataDir)
  const sharedEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    FEDHUB_DB_URI: options.databaseUri,
    FEDHUB_REDIS_URL: options.redisUrl,
    FEDHUB_NATS_URL: options.natsUrl,
    FEDHUB_DATA_DIR: dataDir,
    FEDHUB_PUBLIC_KEYS_FILE: publicKeysFile,
    ...(options.redisKeyPrefix === undefined
      ? {}
      : { FEDHUB_REDIS_KEY_PREFIX: options.redisKeyPrefix }),
    ...(options.natsNamespace === undefined
      ? {}
      : { FEDHUB_NATS_NAMESPACE: options.natsNamespace }),
  }
  const config = clusterConfig(sharedEnv)
  const logger =
    extras.logger ?? createLogger({ level: config.logLevel, service: 'fedhub-cluster' })
  if (options.fresh) {
    const deleted = await deleteStreams(options.natsUrl, config.raw.fedhub.nats_namespace)
    logger.info({ streams: deleted }, 'deleted earlier streams')
  }
  const generatedRootPassword = await migrate(config, logger)
  if (generatedRootPassword !== undefined) extras.onRootPassword?.(generatedRootPassword)

  // The replicas need neither the root password nor its hash: root exists now.
  const replicaEnv = { ...sharedEnv }
  delete replicaEnv.FEDHUB_ROOT_PASSWORD
  delete replicaEnv.V6_INIT_SUPER_PASS_HASHED
  delete replicaEnv.V6_INIT_SUPER_PASS_HASHED_FILE
  delete replicaEnv.VANTAGE6_DB_URI

  const states = new ReplicaStates((replica, up, reason) =>
    logger.info({ replica: replica.name, reason }, up ? 'replica up' : 'replica down'),
  )
  const loader = requireHere.resolve('tsx')
  const processes = new Map<ClusterService, ReplicaProcess[]>()
  const lastExits = new Map<string, NonNullable<ClusterReplica['lastExit']>>()
  const ports = new Set<number>()
  for (const service of CLUSTER_SERVICES) {
    const list: ReplicaProcess[] = []
    for (let index = 0; index < options.replicas; index++) {
      const port = await freePort(ports)
      ports.add(port)
      const endpoint: ReplicaEndpoint = {
        name: `${service}-${index}`,
        service,
        index,
        url: `http://127.0.0.1:${port}`,
      }
      list.push(
        createReplicaProcess({
          endpoint,
          mainFile: mainFileOf(service),
          loader,
          env: {
            ...replicaEnv,
            FEDHUB_PORT: String(port),
            FEDHUB_METRICS_PORT: '0',
            // Only the entry point faces clients; replicas stay on loopback.
            FEDHUB_LISTEN_HOST: '127.0.0.1',
          },
          logDir,
          onStart: () => states.started(endpoint),
          onExit: (code, signal) => {
            lastExits.set(endpoint.name, { code, signal })
            states.exited(endpoint)
            logger.info({ replica: endpoint.name, code, signal }, 'replica exited')
          },
        }),
      )
    }
    processes.set(service, list)
  }
  const all = [...processes.values()].flat()
  const endpoints = all.map((replica) => replica.endpoint)
  const probes = startHealthProbes(endpoints, states, {
    intervalMs: options.healthIntervalMs,
    timeoutMs: options.healthTimeoutMs,
  })
  const startOne = async (replica: ReplicaProcess) => {
    replica.start()
    await waitUntilUp(replica, states, probes, options.startTimeoutMs, options.healthIntervalMs)
  }
  const stopAll = () => Promise.all(all.map((replica) => replica.stop(options.stopTimeoutMs)))

  // A replica killed with the cluster must not outlive it when this process exits on its own.
  const killOnExit = () => {
    for (const replica of all) replica.signal('SIGKILL')
  }
  process.on('exit', killOnExit)

  let server: Server
  try {
    await Promise.all(all.map(startOne))
    const byService = (service: ServiceName) =>
      createRoundRobin(
        (processes.get(service) ?? []).map((replica) => replica.endpoint),
        (replica) => states.isUp(replica),
      )
    server = createEntryPoint({
      apiPath: config.apiPath,
      pools: {
        auth: byService('auth'),
        'core-api': byService('core-api'),
        'socket-gateway': byService('socket-gateway'),
      },
      states,
      logger,
    })
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject)
      server.listen(options.port, options.host, () => resolveListen())
    })
  } catch (error) {
    probes.stop()
    await stopAll()
    for (const replica of all) replica.close()
    process.off('exit', killOnExit)
    throw error
  }

  const { port } = server.address() as AddressInfo
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  let stopping: Promise<void> | undefined
  const replicaOf = (service: ClusterService, index: number): ReplicaProcess => {
    const replica = processes.get(service)?.[index]
    if (replica === undefined) throw new Error(`${service} has no replica ${index}`)
    return replica
  }

  return {
    url: `http://${shownHost}:${port}`,
    apiPath: config.apiPath,
    generatedRootPassword,
    replicas: (service) =>
      (processes.get(service) ?? []).map((replica) => ({
        name: replica.endpoint.name,
        url: replica.endpoint.url,
        up: states.isUp(replica.endpoint),
        pid: replica.pid,
        lastExit: lastExits.get(replica.endpoint.name),
      })),
    kill: (service, index, signal = 'SIGKILL') => replicaOf(service, index).signal(signal),
    async restart(service, index) {
      const replica = replicaOf(service, index)
      await replica.stop(options.stopTimeoutMs)
      await startOne(replica)
    },
    stop() {
      stopping ??= (async () => {
        server.close()
        probes.stop()
        await stopAll()
        // Long-polls held open to the replicas ended with them; close what clients keep alive.
        server.closeAllConnections()
        for (const replica of all) replica.close()
        process.off('exit', killOnExit)
        if (extras.dropStreamsOnStop === true) {
          await deleteStreams(options.natsUrl, config.raw.fedhub.nats_namespace)
        }
      })()
      return stopping
    },
    killAll: killOnExit,
  }
}
