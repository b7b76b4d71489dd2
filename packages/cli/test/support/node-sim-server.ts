import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { type StandaloneServer, startStandalone } from '../../src/standalone.ts'

export const ROOT_PASSWORD = 'Simulated-nodes-1'

/** A standalone server on a free loopback port with a known root password. */
export async function startSimServer(
  env: Record<string, string> = {},
): Promise<{ server: StandaloneServer; dataDir: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-node-sim-'))
  const config = testConfig({
    FEDHUB_DATA_DIR: dataDir,
    FEDHUB_PORT: '0',
    FEDHUB_ROOT_PASSWORD: ROOT_PASSWORD,
    ...env,
  })
  const server = await startStandalone(config, createLogger({ level: 'silent', service: 'test' }), {
    host: '127.0.0.1',
  })
  return {
    server,
    dataDir,
    async close() {
      for (const step of server.shutdownSteps()) await step.run()
    },
  }
}

/** Generous deadline for waits in tests; CI machines are slow. */
export const DEADLINE_MS = Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 30_000)

/** Resolves when `check` holds, polling every `intervalMs`; rejects after the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
