import { dialectOf, type FedhubEntityManager } from '@fedhub/shared/data'

// One key for every start-up write (rule and role sync, root user, fixture import): replicas that
// start together queue behind each other instead of inserting duplicate rules, roles or users,
// which upstream's schema has no unique constraint to prevent. 0x66656468 spells "fedh".
const STARTUP_LOCK_KEY = 0x66656468

/**
 * Serialises start-up writes across replicas. Call it first inside the transaction that does the
 * writes: on PostgreSQL it takes a transaction-scoped advisory lock, released at commit or
 * rollback. SQLite needs nothing: its single writer connection already runs one transaction at
 * a time.
 */
export async function lockStartupWrites(tx: FedhubEntityManager): Promise<void> {
  if (dialectOf(tx) !== 'postgresql') return
  await tx.execute('select pg_advisory_xact_lock(?)', [STARTUP_LOCK_KEY])
}
