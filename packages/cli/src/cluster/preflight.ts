import { Redis } from 'ioredis'
import { connect as connectNats } from 'nats'
import pg from 'pg'

const TIMEOUT_MS = 5_000

/** Data services the cluster needs do not answer; the message names each with its URL. */
export class DataServiceUnreachable extends Error {
  constructor(problems: string[]) {
    super(problems.join('; '))
    this.name = 'DataServiceUnreachable'
  }
}

const reason = (error: unknown) =>
  (error as Error).message || (error as { code?: string }).code || String(error)

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}

async function reachPostgres(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: TIMEOUT_MS })
  try {
    await client.connect()
  } finally {
    await client.end().catch(() => {})
  }
}

async function reachRedis(url: string): Promise<void> {
  // One attempt: the services retry for ever, which is right for them and wrong for a start-up.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  // The connect promise only says the connection closed; the socket's own error says why.
  let cause: Error | undefined
  redis.on('error', (error: Error) => {
    cause ??= error
  })
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    throw cause ?? error
  } finally {
    redis.disconnect()
  }
}

async function reachNats(url: string): Promise<void> {
  const connection = await connectNats({ servers: url, timeout: TIMEOUT_MS, reconnect: false })
  await connection.close()
}

/**
 * Asks PostgreSQL, Redis and NATS once each before anything is prepared, so that a missing one
 * is named in one sentence instead of surfacing as a retry loop or a bare socket error.
 */
export async function checkDataServices(urls: {
  database: string
  redis: string
  nats: string
}): Promise<void> {
  // The server's own database, which exists even when the cluster's has yet to be created.
  const server = new URL(urls.database)
  server.pathname = '/postgres'
  const checks: Array<[string, string, (url: string) => Promise<void>]> = [
    ['PostgreSQL', server.toString(), reachPostgres],
    ['Redis', urls.redis, reachRedis],
    ['NATS', urls.nats, reachNats],
  ]
  const problems = await Promise.all(
    checks.map(async ([service, url, reach]) => {
      try {
        await reach(url)
        return undefined
      } catch (error) {
        return `${service} at ${shown(url)} does not answer (${reason(error)})`
      }
    }),
  )
  const failed = problems.filter((problem) => problem !== undefined)
  if (failed.length > 0) throw new DataServiceUnreachable(failed)
}
