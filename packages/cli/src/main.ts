import { Command } from 'commander'
import { registerStartCommand } from './commands/start.ts'

const program = new Command()
program
  .name('fedhub')
  .description('fedhub: a vantage6 4.x compatible central server')
  .showHelpAfterError()
registerStartCommand(program)

await program.parseAsync(process.argv)
