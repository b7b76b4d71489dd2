#!/usr/bin/env node
// README's test command: every stage in order, each timed, stopping at the first failure.
import { spawnSync } from 'node:child_process'

const stages = [
  ['lint', ['pnpm', 'run', 'lint']],
  ['typecheck', ['pnpm', 'run', 'typecheck']],
  ['unit tests', ['pnpm', 'run', 'test:unit']],
  ['deploy checks', ['bash', 'deploy/k8s/checks/run']],
  ['integration tests', ['pnpm', 'run', 'test:integration']],
  ['compat standalone', ['bash', 'compat/run.sh', 'standalone', '-q']],
  ['compat cluster', ['bash', 'compat/run.sh', 'cluster', '-q']],
]
const timings = []
let failed
for (const [name, [command, ...args]] of stages) {
  const started = Date.now()
  process.stdout.write(`\n=== ${name} ===\n`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  timings.push([name, (Date.now() - started) / 1000])
  if (result.status !== 0) {
    failed = name
    break
  }
}
process.stdout.write('\n=== stage timings ===\n')
for (const [name, seconds] of timings)
  process.stdout.write(`${name.padEnd(20)} ${seconds.toFixed(1)} s\n`)
if (failed !== undefined) {
  process.stdout.write(`\nfailed at: ${failed}\n`)
  process.exit(1)
}
