import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DEMO_FIXTURE } from '../src/node-sim/demo/demo-fixture.ts'
import { runDemo } from '../src/node-sim/demo/run-demo.ts'
import { DEADLINE_MS, ROOT_PASSWORD, startSimServer } from './support/node-sim-server.ts'

const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')

// The committed demo files hold 30 ages summing to 1466.
const DEMO_MEAN = 1466 / 30

/** Runs the CLI without blocking this process, which also serves the server it talks to. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`fedhub ${args.join(' ')} did not end in time:\n${output}`))
    }, DEADLINE_MS * 2)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('fedhub demo', () => {
  let close: () => Promise<void>
  let url: string
  beforeAll(async () => {
    const started = await startSimServer()
    close = started.close
    url = started.server.url
  })
  afterAll(async () => close?.())

  it('sets up the network, runs a federated mean and prints it with the time of each step', async () => {
    const lines: string[] = []
    const report = await runDemo({
      endpoint: { serverUrl: url, apiPath: '/api' },
      username: 'root',
      password: ROOT_PASSWORD,
      fixtureFile: DEFAULT_DEMO_FIXTURE,
      timings: { firstPingMs: 100, childPollStartMs: 50 },
      logger: createLogger({ level: 'silent', service: 'test' }),
      print: (line) => lines.push(line),
    })
    expect(report).toMatchObject({ column: 'age', count: 30, organizations: 3 })
    expect(report.mean).toBeCloseTo(DEMO_MEAN, 10)
    expect(report.steps.map((step) => step.step)).toHaveLength(5)
    expect(lines.at(-1)).toBe(`mean of 'age' over 3 organizations (30 values): 48.8667`)
    expect(lines.filter((line) => / \d+\.\d\d s$/.test(line))).toHaveLength(6)
  })

  it('runs again on the same server from the command line, reusing the network', async () => {
    const { code, output } = await runCli(['demo', '--server', url], {
      FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD,
    })
    expect(output).toContain(`mean of 'age' over 3 organizations (30 values): 48.8667`)
    expect(code).toBe(0)
  })

  it('says what is wrong when no server answers', async () => {
    const { code, output } = await runCli(['demo', '--server', 'http://127.0.0.1:9'], {
      FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD,
    })
    expect(code).toBe(1)
    expect(output).toContain('no fedhub server answers at http://127.0.0.1:9')
  })
})
