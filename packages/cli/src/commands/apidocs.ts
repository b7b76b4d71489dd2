import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { API_DOCUMENT_FILE, buildApiDocument, serialiseApiDocument } from '../api-document.ts'

/** `fedhub apidocs`: prints, or writes for core-api, the OpenAPI document of every service. */
export function registerApiDocsCommand(program: Command): void {
  program
    .command('apidocs')
    .description('print the OpenAPI document of every service; --write updates the served copy')
    .option('--write', `write it to ${API_DOCUMENT_FILE.split('/').slice(-3).join('/')}`)
    .action(async (options: { write?: boolean }) => {
      const text = serialiseApiDocument(await buildApiDocument())
      if (options.write === true) writeFileSync(API_DOCUMENT_FILE, text)
      else process.stdout.write(text)
    })
}
