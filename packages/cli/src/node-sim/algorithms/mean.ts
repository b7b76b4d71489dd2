import {
  type Algorithm,
  type AlgorithmContext,
  AlgorithmError,
  firstDatabase,
  runPartials,
  stringArgument,
} from './types.ts'

interface PartialMean {
  sum: number
  count: number
}

/** Sum and count of the numeric cells of one column; blank cells are left out. */
async function partial(context: AlgorithmContext): Promise<PartialMean> {
  const database = firstDatabase(context)
  const column = stringArgument(context, 'column')
  if (!database.columns.includes(column)) {
    throw new AlgorithmError(`database '${database.label}' has no column '${column}'`)
  }
  let sum = 0
  let count = 0
  for (const [index, row] of database.rows.entries()) {
    const cell = row[column] ?? ''
    if (cell === '') continue
    const value = Number(cell)
    if (!Number.isFinite(value)) {
      throw new AlgorithmError(`row ${index + 1} of column '${column}' is not a number: '${cell}'`)
    }
    sum += value
    count += 1
  }
  context.log(`partial mean of '${column}': ${count} values`)
  return { sum, count }
}

function isPartialMean(value: unknown): value is PartialMean {
  const candidate = value as PartialMean | null
  return typeof candidate?.sum === 'number' && typeof candidate.count === 'number'
}

/** The federated mean: partial sums and counts from every organization, combined here. */
async function central(context: AlgorithmContext) {
  const column = stringArgument(context, 'column')
  const partials = await runPartials(context, 'partial', { column })
  if (!partials.every(isPartialMean)) throw new AlgorithmError('a partial result is malformed')
  const sum = partials.reduce((total, part) => total + part.sum, 0)
  const count = partials.reduce((total, part) => total + part.count, 0)
  return {
    column,
    mean: count === 0 ? null : sum / count,
    sum,
    count,
    organizations: partials.length,
  }
}

/** Image `fedhub/mean`: methods `partial` and `central`, keyword argument `column`. */
export const meanAlgorithm: Algorithm = { partial, central }
