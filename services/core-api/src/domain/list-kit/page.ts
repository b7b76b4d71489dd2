import type { QueryBuilder } from '@mikro-orm/knex'
import type { SortKey } from './sort.ts'

/** What a list request asks for beyond its filters. */
export interface PageRequest {
  page: number
  perPage: number
  sort: SortKey[]
  /** `false` returns every row in one page (`no_pagination` of the rule list). */
  paginate?: boolean
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  perPage: number
}

/**
 * Runs a filtered list in exactly two queries, whatever the page size: a distinct count and the
 * page itself. Filters must not join to-many relations (use `id in (subquery)`), so rows never
 * repeat and the page is what the count says.
 *
 * Rows always end up ordered by id after the requested keys: upstream's lists come back in id
 * order in practice and the UI relies on it, and PostgreSQL does not keep any order without
 * `ORDER BY` (an updated row moves), so pages could otherwise repeat or skip rows.
 */
export async function fetchPage<T extends object>(
  qb: QueryBuilder<T>,
  request: PageRequest,
): Promise<Page<T>> {
  const total = await qb.clone().getCount('id', true)
  const paginate = request.paginate !== false
  const perPage = paginate ? request.perPage : Math.max(total, 1)
  const page = paginate ? request.page : 1
  const ordered = qb.clone()
  const idColumn = `${qb.alias}.id`
  const keys = request.sort.map((key) => ({ [key.column]: key.direction }))
  if (!request.sort.some((key) => key.column === idColumn)) keys.push({ [idColumn]: 'asc' })
  ordered.orderBy(keys)
  if (paginate) ordered.limit(perPage).offset((page - 1) * perPage)
  const rows = total === 0 && paginate ? [] : await ordered.getResultList()
  return { rows, total, page, perPage }
}
