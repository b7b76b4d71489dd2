import {
  type Algorithm,
  type AlgorithmContext,
  AlgorithmError,
  firstDatabase,
  runPartials,
} from './types.ts'

function optionalColumn(context: AlgorithmContext): string | undefined {
  const column = context.input.kwargs.column
  if (column === undefined) return undefined
  if (typeof column !== 'string' || column === '') {
    throw new AlgorithmError("keyword argument 'column' must be a non-empty string")
  }
  return column
}

/** Rows of the database, or only those with a value in `column` when one is given. */
async function partial(context: AlgorithmContext): Promise<{ count: number }> {
  const database = firstDatabase(context)
  const column = optionalColumn(context)
  if (column === undefined) return { count: database.rows.length }
  if (!database.columns.includes(column)) {
    throw new AlgorithmError(`database '${database.label}' has no column '${column}'`)
  }
  return { count: database.rows.filter((row) => (row[column] ?? '') !== '').length }
}

/** The federated count: the sum of every organization's partial count. */
async function central(context: AlgorithmContext) {
  const column = optionalColumn(context)
  const partials = await runPartials(context, 'partial', column === undefined ? {} : { column })
  let count = 0
  for (const part of partials) {
    const value = (part as { count?: unknown } | null)?.count
    if (typeof value !== 'number') throw new AlgorithmError('a partial result is malformed')
    count += value
  }
  return { count, organizations: partials.length }
}

/** Image `fedhub/count`: methods `partial` and `central`, optional keyword argument `column`. */
export const countAlgorithm: Algorithm = { partial, central }
