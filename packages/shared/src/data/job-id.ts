import type { FedhubEntityManager } from './create-orm.ts'
import { dialectOf } from './dialect.ts'
import { COUNTER_TABLE, JOB_ID_SEQUENCE } from './tables.ts'

/**
 * Hands out the next `task.job_id` for a new top-level task. Call it with the EntityManager of
 * the transaction that inserts the task: on PostgreSQL it draws from a sequence (never reused,
 * even when the transaction rolls back); on SQLite it bumps a counter row, which the single
 * writer connection serialises and a rollback undoes.
 *
 * @example
 * await em.transactional(async (tx) => { task.jobId = await allocateJobId(tx) })
 */
export async function allocateJobId(em: FedhubEntityManager): Promise<number> {
  if (dialectOf(em) === 'postgresql') {
    const rows = await em.execute<{ id: string | number }[]>(
      `select nextval('${JOB_ID_SEQUENCE}') as id`,
    )
    return Number(rows[0]?.id)
  }
  const rows = await em.execute<{ value: number }[]>(
    `update ${COUNTER_TABLE} set value = value + 1 where name = 'job_id' returning value`,
  )
  const value = rows[0]?.value
  if (value === undefined) throw new Error(`${COUNTER_TABLE} has no job_id row: run fedhub migrate`)
  return Number(value)
}
