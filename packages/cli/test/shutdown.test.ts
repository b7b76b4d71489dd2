import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')
const DEADLINE_MS = Number(process.env.FEDHUB_TEST_DEADLINE_MS ?? 60_000)

interface Started {
  child: ChildProcess
  url: string
  output: () => string
  exited: Promise<number | null>
}

function startCli(): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-shutdown-'))
  const child = spawn(process.execPath, [CLI, 'start', '--host', '127.0.0.1'], {
    env: {
      ...process.env,
      FEDHUB_DATA_DIR: dataDir,
      FEDHUB_PORT: '0',
      FEDHUB_METRICS_PORT: '0',
      FEDHUB_BCRYPT_ROUNDS: '4',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start within ${DEADLINE_MS} ms:\n${text}`)),
      DEADLINE_MS,
    )
    const onData = (chunk: Buffer) => {
      text += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)"/.exec(text)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ child, url: match[1], output: () => text, exited })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
  })
}

let running: Started | undefined
let socket: Socket | undefined
afterEach(() => {
  socket?.close()
  if (running?.child.exitCode === null) running.child.kill('SIGKILL')
})

describe('fedhub start on SIGTERM', () => {
  it('closes transports without a namespace disconnect, drains and exits 0', async () => {
    running = await startCli()
    const client = io(running.url, { transports: ['websocket'], reconnection: false })
    socket = client
    await new Promise<void>((resolve, reject) => {
      client.on('connect', () => resolve())
      client.on('connect_error', reject)
    })
    const reason = new Promise<string>((resolve) => client.on('disconnect', (r) => resolve(r)))
    running.child.kill('SIGTERM')
    // 'transport close' lets a client reconnect; 'io server disconnect' would stop it for good.
    expect(await reason).toBe('transport close')
    expect(await running.exited).toBe(0)
    expect(running.output()).toContain('shutdown complete')
  })
})
