import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareDatabase } from '@fedhub/core-api'
import { loadConfig } from '@fedhub/shared/config'
import { createLogger } from '@fedhub/shared/logging'
import { buildServiceApp, createServiceContext } from '@fedhub/shared/runtime'
import { SERVICE_FACTORIES } from './standalone.ts'

/** Where core-api reads the document of every service when it runs on its own. */
export const API_DOCUMENT_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'services',
  'core-api',
  'openapi.json',
)

/**
 * Builds the OpenAPI document of every service by composing them as standalone does, over a
 * throwaway in-memory database, without listening. The result is what `/apidocs` serves.
 */
export async function buildApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-apidocs-'))
  const config = loadConfig({
    env: {
      FEDHUB_DATA_DIR: dataDir,
      FEDHUB_DB_URI: 'sqlite:///:memory:',
      FEDHUB_BCRYPT_ROUNDS: '4',
    },
  })
  const logger = createLogger({ level: 'silent', service: 'apidocs' })
  const context = await createServiceContext(config, logger, 'standalone')
  try {
    await prepareDatabase(await context.openOrm(), context, { allowGeneratedPassword: true })
    const modules = await Promise.all(SERVICE_FACTORIES.map((create) => create(context)))
    const app = await buildServiceApp(context, modules, { serveApiDocs: false, service: 'apidocs' })
    await app.ready()
    const document = app.swagger() as unknown as Record<string, unknown>
    await app.close()
    return document
  } finally {
    await context.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The document as written to {@link API_DOCUMENT_FILE}: stable, indented JSON. */
export function serialiseApiDocument(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
