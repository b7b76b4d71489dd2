import { MikroORM, type Options } from '@mikro-orm/core'
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex'
import { Migrator } from '@mikro-orm/migrations'
import type { FedhubConfig } from '../config/index.ts'
import { ENTITIES } from '../entities/index.ts'
import type { Logger } from '../logging/index.ts'
import { PinoOrmLogger } from './orm-logger.ts'
import { FEDHUB_TABLES } from './tables.ts'

/** The ORM over either driver. */
export type FedhubOrm = MikroORM<AbstractSqlDriver>
/** EntityManager of {@link FedhubOrm}, with SQL helpers (`execute`, query builder). */
export type FedhubEntityManager = SqlEntityManager

export interface CreateOrmOptions {
  /** Milliseconds a SQLite connection waits for a lock held by another process. */
  sqliteBusyTimeoutMs?: number
  /** Largest PostgreSQL pool per process. */
  poolMax?: number
}

interface SqliteRawConnection {
  exec(sql: string): unknown
}

interface PgRawConnection {
  query(sql: string, callback: (error: Error | null) => void): void
}

/**
 * Opens the ORM for `config.database`: PostgreSQL, or SQLite (libsql) in WAL mode through a
 * single connection, so writes never race each other and never fail with `SQLITE_BUSY`.
 * Timestamps are read and written as UTC on both.
 *
 * @example
 * const orm = await createOrm(config, log)
 * const em = orm.em.fork()
 */
export async function createOrm(
  config: Pick<FedhubConfig, 'database'>,
  log: Logger,
  options: CreateOrmOptions = {},
): Promise<FedhubOrm> {
  const common: Options<AbstractSqlDriver> = {
    entities: [...ENTITIES],
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      tableName: 'fedhub_migrations',
      migrationsList: [],
      snapshot: false,
      disableForeignKeys: false,
    },
    schemaGenerator: { skipTables: [...FEDHUB_TABLES] },
    loggerFactory: () => new PinoOrmLogger(log),
    debug: true,
    allowGlobalContext: false,
  }
  const db = config.database
  if (db.driver === 'postgresql') {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql')
    return MikroORM.init<AbstractSqlDriver>({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: db.clientUrl,
      dbName: db.dbName,
      pool: {
        min: 0,
        max: options.poolMax ?? 10,
        // Upstream stores naive UTC timestamps; a session in another zone would shift raw SQL.
        afterCreate: (conn: PgRawConnection, done: (error: Error | null, conn: unknown) => void) =>
          conn.query("SET TIME ZONE 'UTC'", (error) => done(error, conn)),
      },
    })
  }
  const { LibSqlDriver } = await import('@mikro-orm/libsql')
  const busyTimeout = options.sqliteBusyTimeoutMs ?? 5000
  return MikroORM.init<AbstractSqlDriver>({
    ...common,
    driver: LibSqlDriver,
    dbName: db.file,
    // One connection is the one writer: the pool queues every transaction behind the current one.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        conn: SqliteRawConnection,
        done: (error: Error | null, conn: unknown) => void,
      ) => {
        try {
          conn.exec(
            `pragma journal_mode = WAL; pragma busy_timeout = ${busyTimeout}; pragma foreign_keys = on; pragma synchronous = NORMAL;`,
          )
          done(null, conn)
        } catch (error) {
          done(error instanceof Error ? error : new Error(String(error)), conn)
        }
      },
    },
  })
}
