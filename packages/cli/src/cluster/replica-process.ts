import { type ChildProcess, spawn } from 'node:child_process'
import { createReplicaOutput, type ReplicaOutput } from './replica-output.ts'
import type { ReplicaEndpoint } from './replica-state.ts'

export interface ReplicaLaunch {
  endpoint: ReplicaEndpoint
  /** The service's entry module, run by Node with the TypeScript loader. */
  mainFile: string
  loader: string
  env: NodeJS.ProcessEnv
  logDir: string | undefined
  onStart(): void
  onExit(code: number | null, signal: NodeJS.Signals | null): void
}

/** One replica's process, which can be signalled, stopped and spawned again on its port. */
export interface ReplicaProcess {
  readonly endpoint: ReplicaEndpoint
  readonly running: boolean
  readonly pid: number | undefined
  start(): void
  signal(signal: NodeJS.Signals): void
  /** SIGTERM (after SIGCONT, in case it was stopped), then SIGKILL once `timeoutMs` passed. */
  stop(timeoutMs: number): Promise<void>
  /** The last lines it wrote, to explain a failed start. */
  tail(): string
  /** Closes its log file; call after the last stop. */
  close(): void
}

export function createReplicaProcess(launch: ReplicaLaunch): ReplicaProcess {
  const output: ReplicaOutput = createReplicaOutput(launch.endpoint.name, launch.logDir)
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()
  let alive = false

  const isRunning = () => alive

  return {
    endpoint: launch.endpoint,
    get running() {
      return isRunning()
    },
    get pid() {
      return isRunning() ? child?.pid : undefined
    },
    start() {
      if (isRunning()) return
      const spawned = spawn(process.execPath, ['--import', launch.loader, launch.mainFile], {
        env: launch.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a Ctrl-C at the terminal reaches the cluster only, which then
        // drains every replica once, instead of each replica seeing two signals and giving up.
        detached: true,
      })
      child = spawned
      alive = true
      output.attach(spawned.stdout)
      output.attach(spawned.stderr)
      let reported = false
      const report = (code: number | null, signal: NodeJS.Signals | null) => {
        if (reported) return
        reported = true
        alive = false
        launch.onExit(code, signal)
      }
      exited = new Promise<void>((resolve) => {
        spawned.on('exit', (code, signal) => {
          report(code, signal)
          resolve()
        })
        // 'exit' does not follow when the spawn itself failed, so an error ends the wait too.
        spawned.on('error', (error) => {
          output.note(`cannot spawn: ${error.message}`)
          report(null, null)
          resolve()
        })
      })
      launch.onStart()
    },
    signal(signal) {
      if (isRunning()) child?.kill(signal)
    },
    async stop(timeoutMs) {
      if (!isRunning()) return
      child?.kill('SIGCONT')
      child?.kill('SIGTERM')
      const timer = setTimeout(() => child?.kill('SIGKILL'), timeoutMs)
      try {
        await exited
      } finally {
        clearTimeout(timer)
      }
    },
    tail: () => output.tail(),
    close: () => output.close(),
  }
}
