import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'

/** A node's database: a CSV file read once at start-up, keyed by its label. */
export interface CsvDatabase {
  label: string
  /** Column names from the header row, in file order. */
  columns: string[]
  /** Each row as column name → text; blank cells are empty strings. */
  rows: Array<Record<string, string>>
}

/** Reads a CSV file with a header row; throws a sentence naming the file when it cannot. */
export async function loadCsvDatabase(label: string, file: string): Promise<CsvDatabase> {
  let rows: Array<Record<string, string>>
  try {
    rows = parse(await readFile(file, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    }) as Array<Record<string, string>>
  } catch (error) {
    throw new Error(
      `database '${label}': cannot read CSV file ${file}: ${(error as Error).message}`,
    )
  }
  const columns = rows[0] === undefined ? await headerOf(file) : Object.keys(rows[0])
  return { label, columns, rows }
}

// A file with a header and no data rows still names its columns.
async function headerOf(file: string): Promise<string[]> {
  const records = parse(await readFile(file, 'utf8'), { to_line: 1, trim: true }) as string[][]
  return records[0] ?? []
}

/**
 * What the node shares about its databases in `node_info_update`: labels, types and, for CSV
 * files, the column names (the UI's task wizard offers them).
 */
export function databaseDetails(databases: CsvDatabase[]): Record<string, unknown> {
  return {
    database_labels: databases.map((db) => db.label),
    database_types: Object.fromEntries(databases.map((db) => [`db_type_${db.label}`, 'csv'])),
    ...(databases.length === 0
      ? {}
      : {
          database_columns: Object.fromEntries(
            databases.map((db) => [`columns_${db.label}`, db.columns]),
          ),
        }),
  }
}
