import type { Command } from 'commander'

/** A failure a command expects and explains: its message is the whole story for the operator. */
export class CommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CommandError'
  }
}

/** Short readings of the system errors an operator can cause (wrong path, busy port, …). */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused',
}

/** The reason of an error in a few words: `no such file` rather than `ENOENT: no such …`. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && SYSTEM_REASONS[code] !== undefined) return SYSTEM_REASONS[code]
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}

/**
 * Runs the `fedhub` program so that an operator never reads a stack trace: a command that
 * throws ends with one line, `fedhub <command>: <reason>`, on stderr and exit code 1
 * (`FEDHUB_LOG_LEVEL=DEBUG` adds the stack), and a closed stdout (`fedhub apidocs | head`) ends
 * the process quietly.
 */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  let commandName = program.name()
  program.hook('preAction', (_program, action) => {
    const names: string[] = []
    for (let command: Command | null = action; command !== null; command = command.parent) {
      names.unshift(command.name())
    }
    commandName = names.join(' ')
  })
  try {
    await program.parseAsync(argv)
  } catch (error) {
    process.stderr.write(`${commandName}: ${reasonOf(error)}\n`)
    if (process.env.FEDHUB_LOG_LEVEL?.toUpperCase() === 'DEBUG' && error instanceof Error) {
      process.stderr.write(`${error.stack ?? ''}\n`)
    }
    process.exitCode = 1
    // Commands close what they opened; should something still hold the event loop, do not hang.
    setTimeout(() => process.exit(1), 5_000).unref()
  }
}

/**
 * Shows a generated root password on the terminal, once, as soon as the account exists: a start
 * that fails afterwards (a taken port) must not lose it. Never logged, never stored in clear.
 */
export function announceRootPassword(password: string): void {
  process.stdout.write(
    `\n  root account created. username: root  password: ${password}\n` +
      '  It is shown only this once; `fedhub user reset-password root` sets a new one.\n\n',
  )
}

/** Added to a failed start after the root password was shown, so the operator knows it holds. */
export const ROOT_PASSWORD_KEPT =
  'The root account was created and its password is shown above; it stays valid ' +
  '(`fedhub user reset-password root` sets a new one).'
