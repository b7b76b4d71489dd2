// Loads configurations the way every fedhub process does (the file named by FEDHUB_CONFIG plus
// the environment) and prints what the services would see, or the problems they would refuse to
// start with. Reads a JSON object of cases, `{ "<case>": { "<VARIABLE>": "<value>" } }`, on
// standard input, so the deploy checks load every rendered pod's settings in one process.
import { readFileSync } from 'node:fs'
import { ConfigError, loadConfig } from '../../../../packages/shared/src/config/index.ts'

function report(env) {
  try {
    const config = loadConfig({ env })
    return {
      ok: true,
      apiPath: config.apiPath,
      port: config.port,
      metricsPort: config.metricsPort,
      bodyLimitBytes: config.bodyLimitBytes,
      database: config.database.driver,
      smtpPassword: config.smtp?.password ?? null,
      publicKeys: config.publicKeys?.keys.length ?? 0,
      warnings: config.warnings,
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return { ok: false, problems: error.problems }
  }
}

const cases = JSON.parse(readFileSync(0, 'utf8'))
const reports = Object.fromEntries(Object.entries(cases).map(([name, env]) => [name, report(env)]))
process.stdout.write(`${JSON.stringify(reports)}\n`)
