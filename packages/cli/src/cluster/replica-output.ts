import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'

/** How many of a replica's last lines are kept to explain a failed start. */
const TAIL_LINES = 40

export interface ReplicaOutput {
  /** Sends a child's stdout or stderr to the sink, line by line. */
  attach(stream: Readable | null): void
  /** Records a line of our own about the replica (a spawn failure). */
  note(line: string): void
  /** The replica's last lines, newest last. */
  tail(): string
  close(): void
}

/**
 * Where a replica's log lines go: a file of its own in `logDir`, or this process's stdout with
 * the replica's name in front of every line, so interleaved lines can still be told apart.
 */
export function createReplicaOutput(name: string, logDir: string | undefined): ReplicaOutput {
  const recent: string[] = []
  let file: ReturnType<typeof createWriteStream> | undefined
  if (logDir !== undefined) {
    mkdirSync(logDir, { recursive: true })
    file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' })
  }
  const write = (line: string) => {
    recent.push(line)
    if (recent.length > TAIL_LINES) recent.shift()
    if (file !== undefined) file.write(`${line}\n`)
    else process.stdout.write(`[${name}] ${line}\n`)
  }
  return {
    attach(stream) {
      let partial = ''
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) write(line)
      })
      stream?.on('end', () => {
        if (partial !== '') write(partial)
        partial = ''
      })
    },
    note: (line) => write(line),
    tail: () => recent.join('\n'),
    close: () => file?.end(),
  }
}
