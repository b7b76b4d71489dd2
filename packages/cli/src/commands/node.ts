import { createLogger, type LogLevel } from '@fedhub/shared/logging'
import { type Command, InvalidArgumentError, Option } from 'commander'
import {
  ApiKeyRefusedError,
  DEFAULT_TIMINGS,
  type NodeSpec,
  type NodeTimings,
  provisionNodes,
  readNodeFile,
  type SimulatedFleet,
  startSimulatedNodes,
  type Transport,
  UserApi,
  writeNodeFile,
} from '../node-sim/index.ts'

interface NodeCommandOptions {
  file?: string
  server: string
  apiPath: string
  socketUrl?: string[]
  count?: number
  collaboration?: string
  login?: string
  prefix: string
  save?: string
  csv: string[]
  transports: Transport[]
  mode: 'execute' | 'listen'
  timing: Partial<NodeTimings>
  concurrency: number
  logLevel: LogLevel
}

const positiveInteger = (value: string) => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('not a whole number above 0')
  return number
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

const transportsOf = (value: string): Transport[] => {
  const list = value.split(',')
  if (!list.every((item) => item === 'polling' || item === 'websocket')) {
    throw new InvalidArgumentError('a comma-separated list of polling and websocket')
  }
  return list as Transport[]
}

const timingOf = (value: string, previous: Partial<NodeTimings> = {}) => {
  const [name, ms] = value.split('=')
  if (name === undefined || !(name in DEFAULT_TIMINGS)) {
    throw new InvalidArgumentError(
      `unknown interval; one of ${Object.keys(DEFAULT_TIMINGS).join(', ')}`,
    )
  }
  const number = Number(ms)
  if (!Number.isFinite(number) || number < 0)
    throw new InvalidArgumentError('give milliseconds, e.g. pingIntervalMs=5000')
  return { ...previous, [name]: number }
}

/** `label=file` pairs from `--csv`, every provisioned node reading the same files. */
function databasesOf(pairs: string[]): NodeSpec['databases'] {
  return pairs.map((pair) => {
    const at = pair.indexOf('=')
    return at < 0
      ? { label: 'default', file: pair }
      : { label: pair.slice(0, at), file: pair.slice(at + 1) }
  })
}

async function provisionedSpecs(options: NodeCommandOptions): Promise<NodeSpec[]> {
  const [username = 'root', ...rest] = (options.login ?? 'root').split(':')
  const password = rest.length > 0 ? rest.join(':') : process.env.FEDHUB_ROOT_PASSWORD
  if (password === undefined)
    throw new Error('give the password in --login user:password or FEDHUB_ROOT_PASSWORD')
  const api = await UserApi.login(
    { serverUrl: options.server, apiPath: options.apiPath },
    username,
    password,
  )
  const wanted = options.collaboration as string
  const names = Array.from(
    { length: options.count as number },
    (_, i) => `${options.prefix} ${i + 1}`,
  )
  const provisioned = await provisionNodes({
    api,
    collaboration: /^\d+$/.test(wanted) ? Number(wanted) : wanted,
    organizationNames: names,
  })
  const databases = databasesOf(options.csv)
  const nodes = provisioned.nodes.map((node) => ({ apiKey: node.apiKey, databases }))
  if (options.save !== undefined) {
    await writeNodeFile(options.save, {
      serverUrl: options.server,
      apiPath: options.apiPath,
      socketUrls: options.socketUrl,
      nodes,
    })
  }
  return nodes
}

/**
 * `fedhub node`: simulated vantage6 4.x nodes in this process, from a node file or created
 * through the API. They run until the process is stopped.
 */
export function registerNodeCommand(program: Command): void {
  program
    .command('node')
    .description(
      'run simulated vantage6 nodes (built-in images: fedhub/mean, fedhub/count, fedhub/sleep)',
    )
    .option(
      '--file <nodes.yaml>',
      'node file: server_url, nodes[].api_key, nodes[].databases[{label, file}]',
    )
    .option('--server <url>', 'server host root', 'http://127.0.0.1:7601')
    .option('--api-path <path>', 'API path', '/api')
    .option(
      '--socket-url <url>',
      'Socket.IO host root, repeatable (nodes spread round-robin)',
      collect,
    )
    .option(
      '--count <n>',
      'create this many organizations with a node each; run again for the same collaboration, it gives their existing nodes new API keys, so a node file saved earlier stops working',
      positiveInteger,
    )
    .option(
      '--collaboration <id|name>',
      'collaboration of the created nodes (a new name is created)',
    )
    .option(
      '--login <user[:password]>',
      'account that creates them (password default: FEDHUB_ROOT_PASSWORD)',
    )
    .option('--prefix <name>', 'name prefix of created organizations', 'Simulated organization')
    .option(
      '--save <nodes.yaml>',
      'write the created nodes (with their API keys) to a node file for --file; valid until --count provisions that collaboration again',
    )
    .option('--csv <[label=]file>', 'database of every created node, repeatable', collect, [])
    .option('--transports <list>', 'Socket.IO transports in order', transportsOf, [
      'polling',
      'websocket',
    ])
    .addOption(
      new Option('--mode <mode>', 'execute runs, or only listen for new_task')
        .choices(['execute', 'listen'])
        .default('execute'),
    )
    .option(
      '--timing <name=ms>',
      'override an interval, repeatable (e.g. pingIntervalMs=5000)',
      timingOf,
      {},
    )
    .option('--concurrency <n>', 'nodes logging in at the same time', positiveInteger, 16)
    .addOption(
      new Option('--log-level <level>').choices(['debug', 'info', 'warn', 'error']).default('info'),
    )
    .action(async (options: NodeCommandOptions, command: Command) => {
      const logger = createLogger({ level: options.logLevel, service: 'node-sim' })
      if ((options.file === undefined) === (options.count === undefined)) {
        command.error('give either --file or --count (with --collaboration)')
      }
      if (options.count !== undefined && options.collaboration === undefined) {
        command.error('--count needs --collaboration')
      }
      let fleet: SimulatedFleet
      try {
        const fromFile = options.file === undefined ? undefined : await readNodeFile(options.file)
        fleet = await startSimulatedNodes({
          serverUrl: fromFile?.serverUrl ?? options.server,
          apiPath: fromFile?.apiPath ?? options.apiPath,
          socketUrls: options.socketUrl ?? fromFile?.socketUrls,
          nodes: fromFile?.nodes ?? (await provisionedSpecs(options)),
          transports: options.transports,
          mode: options.mode,
          timings: options.timing,
          startConcurrency: options.concurrency,
          logger,
        })
      } catch (error) {
        // A bad file, a refused key or an unreachable server reads as a sentence.
        logger.flush()
        const staleFile =
          error instanceof ApiKeyRefusedError && options.file !== undefined
            ? ` (a later --count for that collaboration resets the keys saved in ${options.file}: provision again with --count, --collaboration and --save ${options.file})`
            : ''
        process.stderr.write(`fedhub node cannot start: ${(error as Error).message}${staleFile}\n`)
        process.exit(1)
      }
      logger.info({ nodes: fleet.nodes.length }, 'simulated nodes connected')
      const stop = () => {
        logger.info('stopping simulated nodes')
        fleet.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'stopping failed')
            process.exit(1)
          },
        )
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
