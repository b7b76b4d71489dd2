import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '@fedhub/shared/config'
import { createOrm, type FedhubOrm } from '@fedhub/shared/data'
import { createLogger } from '@fedhub/shared/logging'

export const PG_URL = process.env.FEDHUB_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432'
export const silentLog = createLogger({ level: 'silent', service: 'test' })

export type Driver = DatabaseConfig['driver']
export const DRIVERS: Driver[] = ['postgresql', 'sqlite']

/** A throw-away database: a random PostgreSQL database or a SQLite file in a temp folder. */
export interface TestDatabase {
  config: { database: DatabaseConfig }
  open(options?: { poolMax?: number }): Promise<FedhubOrm>
  drop(): Promise<void>
}

async function admin<T>(work: (orm: FedhubOrm) => Promise<T>): Promise<T> {
  const orm = await createOrm(
    { database: { driver: 'postgresql', clientUrl: `${PG_URL}/postgres`, dbName: 'postgres' } },
    silentLog,
    { poolMax: 1 },
  )
  try {
    return await work(orm)
  } finally {
    await orm.close(true)
  }
}

/** Creates an empty database for one suite. */
export async function createTestDatabase(driver: Driver): Promise<TestDatabase> {
  const opened: FedhubOrm[] = []
  const track = async (orm: Promise<FedhubOrm>) => {
    const o = await orm
    opened.push(o)
    return o
  }
  if (driver === 'postgresql') {
    const name = `fedhub_test_${randomBytes(6).toString('hex')}`
    await admin((orm) => orm.em.fork().execute(`create database "${name}"`))
    const config = {
      database: { driver, clientUrl: `${PG_URL}/${name}`, dbName: name } as DatabaseConfig,
    }
    return {
      config,
      open: (options) => track(createOrm(config, silentLog, options)),
      drop: async () => {
        for (const orm of opened) await orm.close(true)
        await admin((orm) =>
          orm.em.fork().execute(`drop database if exists "${name}" with (force)`),
        )
      },
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'fedhub-data-'))
  const config = { database: { driver, file: join(dir, 'fedhub.sqlite') } as DatabaseConfig }
  return {
    config,
    open: (options) => track(createOrm(config, silentLog, options)),
    drop: async () => {
      for (const orm of opened) await orm.close(true)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
