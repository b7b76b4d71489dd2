import { Command } from 'commander'
import { registerApiDocsCommand } from './commands/apidocs.ts'
import { registerAuthCommands } from './commands/auth.ts'
import { registerClusterCommand } from './commands/cluster.ts'
import { registerDemoCommand } from './commands/demo.ts'
import { registerImportCommand } from './commands/import.ts'
import { registerMailCommand } from './commands/mail.ts'
import { registerMigrateCommand } from './commands/migrate.ts'
import { registerNodeCommand } from './commands/node.ts'
import { registerStartCommand } from './commands/start.ts'
import { runProgram } from './terminal.ts'

const program = new Command()
program
  .name('fedhub')
  .description('fedhub: a vantage6 4.x compatible central server')
  .showHelpAfterError()
registerStartCommand(program)
registerMigrateCommand(program)
registerImportCommand(program)
registerApiDocsCommand(program)
registerAuthCommands(program)
registerMailCommand(program)
registerClusterCommand(program)
registerNodeCommand(program)
registerDemoCommand(program)

await runProgram(program, process.argv)
