import { AppError } from '@fedhub/shared/errors'

/** One sort key: the column to order by and its direction. */
export interface SortKey {
  column: string
  direction: 'asc' | 'desc'
}

/**
 * Parses `sort=a,-b,+c` against the model's attribute names (its columns, foreign keys
 * included). An unknown attribute is a 400 with upstream's text (upstream answers 500).
 *
 * @param columns attribute name → SQL column reference
 */
export function parseSort(
  value: string | undefined,
  model: string,
  columns: Readonly<Record<string, string>>,
): SortKey[] {
  if (value === undefined || value.trim() === '') return []
  return value.split(',').map((part) => {
    const field = part.trim()
    const direction = field.startsWith('-') ? 'desc' : 'asc'
    const name = field.replace(/^[-+]/, '')
    const column = Object.hasOwn(columns, name) ? columns[name] : undefined
    if (column === undefined) {
      throw new AppError(
        'request.invalid_sort',
        `Cannot sort a '${model}' by '${name}' because it does not exist`,
        { status: 400 },
      )
    }
    return { column, direction }
  })
}
