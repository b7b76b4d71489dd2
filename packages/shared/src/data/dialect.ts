import type { SqlEntityManager } from '@mikro-orm/knex'

/** The two database engines fedhub runs on. */
export type Dialect = 'postgresql' | 'sqlite'

/** Tells which engine an EntityManager talks to. */
export function dialectOf(em: Pick<SqlEntityManager, 'getPlatform'>): Dialect {
  // Only PostgreSQL among our drivers has schemas; cheaper than importing both platforms.
  return em.getPlatform().supportsSchemas() ? 'postgresql' : 'sqlite'
}
