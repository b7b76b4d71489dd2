import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadApiKeySecret, loadSigningKeys, publicKeySet } from '@fedhub/auth'
import { prepareDatabase } from '@fedhub/core-api'
import { type FedhubConfig, loadConfig, parseDatabaseUri } from '@fedhub/shared/config'
import { STREAMS } from '@fedhub/shared/events'
import type { Logger } from '@fedhub/shared/logging'
import { createServiceContext } from '@fedhub/shared/runtime'
import { connect } from 'nats'
import pg from 'pg'

/** File in the cluster's data folder that every replica reads the public key set from. */
export const PUBLIC_KEYS_FILE = 'public-keys.json'

/** Creates the cluster's PostgreSQL database when the server does not have it yet. */
export async function ensureDatabase(uri: string, dataDir: string): Promise<boolean> {
  const database = parseDatabaseUri(uri, dataDir)
  if (database.driver !== 'postgresql') throw new Error('the cluster needs a PostgreSQL database')
  const server = new URL(database.clientUrl)
  server.pathname = '/postgres'
  const client = new pg.Client({ connectionString: server.toString() })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [
      database.dbName,
    ])
    if (found.rowCount !== 0) return false
    // Identifiers cannot be bound as parameters; doubling quotes keeps any name a single one.
    await client.query(`create database "${database.dbName.replaceAll('"', '""')}"`)
    return true
  } catch (error) {
    // Another process created it between the lookup and the create.
    if ((error as { code?: string }).code === '42P04') return false
    throw error
  } finally {
    await client.end()
  }
}

/**
 * What an operator mounts for distributed services: auth's private key set and the API-key
 * digest secret in the data folder (kept when they exist, so node API keys and issued tokens
 * stay valid across cluster restarts), and the public key set for every verifier.
 */
export async function prepareKeys(dataDir: string): Promise<string> {
  const signingKeys = await loadSigningKeys(dataDir, { generate: true })
  await loadApiKeySecret(dataDir, { generate: true })
  const file = join(dataDir, PUBLIC_KEYS_FILE)
  await writeFile(file, `${JSON.stringify(publicKeySet(signingKeys))}\n`)
  return file
}

/**
 * Deletes fedhub's JetStream streams (and with them their consumers), so events left by an
 * earlier cluster or test run never reach this one. The migrate step recreates them.
 */
export async function deleteStreams(natsUrl: string, namespace = ''): Promise<string[]> {
  const nats = await connect({ servers: natsUrl, name: 'fedhub-cluster' })
  const deleted: string[] = []
  try {
    const jsm = await nats.jetstreamManager()
    for (const stream of STREAMS) {
      const name = namespace === '' ? stream.name : `${namespace}_${stream.name}`
      try {
        await jsm.streams.delete(name)
        deleted.push(name)
      } catch (error) {
        if (!/not found/i.test((error as Error).message)) throw error
      }
    }
  } finally {
    await nats.close()
  }
  return deleted
}

/** The configuration the replicas will load, checked here first so a mistake shows once. */
export function clusterConfig(env: NodeJS.ProcessEnv): FedhubConfig {
  return loadConfig({ env })
}

/**
 * What `fedhub migrate` does: schema, streams and consumers, rules and roles, and `root`.
 * Returns the generated root password when this run created `root` without a configured one.
 */
export async function migrate(config: FedhubConfig, logger: Logger): Promise<string | undefined> {
  const context = await createServiceContext(config, logger, 'distributed')
  try {
    const orm = await context.openOrm()
    const result = await prepareDatabase(orm, context, { allowGeneratedPassword: true })
    return result.generatedRootPassword
  } finally {
    await context.close()
  }
}
