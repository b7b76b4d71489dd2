import { createLogger, type LogLevel } from '@fedhub/shared/logging'
import { type Command, Option } from 'commander'
import { DEFAULT_DEMO_FIXTURE } from '../node-sim/demo/demo-fixture.ts'
import { runDemo } from '../node-sim/demo/run-demo.ts'

interface DemoCommandOptions {
  server: string
  apiPath: string
  username: string
  password?: string
  fixture: string
  timeout: number
  logLevel: LogLevel
}

/**
 * `fedhub demo`: after `pnpm start`, a three-organization network with simulated nodes runs a
 * federated mean; prints the result and the time each step took.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a federated mean over three simulated nodes on a running server')
    .option('--server <url>', 'server host root', 'http://127.0.0.1:7601')
    .option('--api-path <path>', 'API path', '/api')
    .option('--username <name>', 'administrator account', 'root')
    .option('--password <password>', 'its password (default: FEDHUB_ROOT_PASSWORD)')
    .option('--fixture <file>', 'demo network file', DEFAULT_DEMO_FIXTURE)
    .option('--timeout <seconds>', 'how long the analysis may take', Number, 120)
    .addOption(
      new Option('--log-level <level>').choices(['debug', 'info', 'warn', 'error']).default('warn'),
    )
    .action(async (options: DemoCommandOptions) => {
      const password = options.password ?? process.env.FEDHUB_ROOT_PASSWORD
      if (password === undefined) {
        process.stderr.write(
          'fedhub demo needs the root password: --password or FEDHUB_ROOT_PASSWORD\n',
        )
        process.exitCode = 1
        return
      }
      const print = (line: string) => process.stdout.write(`${line}\n`)
      try {
        await runDemo({
          endpoint: { serverUrl: options.server, apiPath: options.apiPath },
          username: options.username,
          password,
          fixtureFile: options.fixture,
          timeoutMs: options.timeout * 1000,
          logger: createLogger({ level: options.logLevel, service: 'demo' }),
          print,
        })
      } catch (error) {
        process.stderr.write(`fedhub demo failed: ${(error as Error).message}\n`)
        process.exitCode = 1
      }
    })
}
