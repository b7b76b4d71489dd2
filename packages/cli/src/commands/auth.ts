import type { Command } from 'commander'
import { registerKeysCommand } from './keys.ts'
import { registerUserCommand } from './user.ts'

/** The operator commands of the auth service: `keys rotate` and `user reset-password`. */
export function registerAuthCommands(program: Command): void {
  registerKeysCommand(program)
  registerUserCommand(program)
}
