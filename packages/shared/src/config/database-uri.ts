import { isAbsolute, resolve } from 'node:path'

export type DatabaseConfig =
  | { driver: 'postgresql'; clientUrl: string; dbName: string }
  | { driver: 'sqlite'; file: string }

/**
 * Reads a database URI as upstream writes it (SQLAlchemy style) or as libpq does:
 * `postgresql+psycopg2://u:p@host:5432/db`, `postgres://…`, `sqlite:///relative.sqlite`
 * (placed in the data folder, as upstream places it in the instance folder) and
 * `sqlite:////absolute/path.sqlite`. Throws with the reason when the URI is not usable.
 */
export function parseDatabaseUri(uri: string, dataDir: string): DatabaseConfig {
  const scheme = uri.slice(0, uri.indexOf(':')).toLowerCase()
  const dialect = scheme.split('+')[0]
  if (dialect === 'postgresql' || dialect === 'postgres') {
    let url: URL
    try {
      url = new URL(`postgresql${uri.slice(scheme.length)}`)
    } catch {
      throw new Error('is not a valid PostgreSQL URI')
    }
    const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''))
    if (dbName === '') throw new Error('names no database (expected postgresql://host/dbname)')
    return { driver: 'postgresql', clientUrl: url.toString(), dbName }
  }
  if (dialect === 'sqlite') {
    const rest = uri.slice(scheme.length + 1)
    if (!rest.startsWith('///')) throw new Error("must start with 'sqlite:///'")
    const path = rest.slice(3)
    if (path === '' || path === ':memory:') return { driver: 'sqlite', file: ':memory:' }
    return { driver: 'sqlite', file: isAbsolute(path) ? path : resolve(dataDir, path) }
  }
  throw new Error(`uses unsupported database '${scheme}' (use postgresql:// or sqlite:///)`)
}
