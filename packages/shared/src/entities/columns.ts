// Upstream declares every non-key column nullable and without a database default, and most
// strings as unbounded VARCHAR. These helpers keep each entity's column list short and identical
// in type to the upstream DDL, so an adopted database and a fresh one map the same way.

// Deliberately a small plain type: generic helpers typed with MikroORM's property union made
// the type checker crawl (minutes per entity file).
export interface ColumnOptions {
  type: string
  fieldName: string
  nullable?: boolean
  columnType?: string
  length?: number
  unique?: boolean
  index?: boolean
  default?: number | boolean
  primary?: boolean
  autoincrement?: boolean
  version?: boolean
}

type Extra = Partial<ColumnOptions>

/** Unbounded `VARCHAR`, nullable. */
export function varchar(fieldName: string, extra: Extra = {}): ColumnOptions {
  return { type: 'string', columnType: 'varchar', fieldName, nullable: true, ...extra }
}

/** `TEXT`, nullable. */
export function text(fieldName: string, extra: Extra = {}): ColumnOptions {
  return { type: 'text', fieldName, nullable: true, ...extra }
}

/** `INTEGER`, nullable. */
export function int(fieldName: string, extra: Extra = {}): ColumnOptions {
  return { type: 'integer', fieldName, nullable: true, ...extra }
}

/** `BOOLEAN`, nullable. */
export function bool(fieldName: string, extra: Extra = {}): ColumnOptions {
  return { type: 'boolean', fieldName, nullable: true, ...extra }
}

/**
 * MikroORM's type name for a `Date` property (what it turns `t.datetime` into). The alias
 * `'datetime'` maps to the same column but makes the change tracker compare with deep equality:
 * on SQLite, which stores epoch milliseconds, a loaded `Date` then never equals its numeric
 * snapshot, so every flush rewrote the timestamps and bumped the version. `'Date'` compares the
 * instants (`valueOf()`), which agrees on both drivers.
 */
export const DATE_TYPE = 'Date'

/**
 * `TIMESTAMP WITHOUT TIME ZONE` holding UTC wall-clock time, as upstream writes it. The ORM runs
 * with `forceUtcTimezone`, so a `Date` goes in and comes out as the same instant. SQLite keeps
 * epoch milliseconds in the column.
 */
export function timestamp(fieldName: string, extra: Extra = {}): ColumnOptions {
  return { type: DATE_TYPE, columnType: 'timestamp', fieldName, nullable: true, ...extra }
}

/** Serial primary key `id`. */
export function serialId(): ColumnOptions {
  return { type: 'integer', primary: true, autoincrement: true, fieldName: 'id' }
}

/** fedhub's optimistic-lock counter; added to adopted tables with default 1. */
export function versionColumn(): ColumnOptions {
  return { type: 'integer', version: true, fieldName: 'version', default: 1 }
}

/** A one-to-one link to `authenticatable` over the shared `id` column. */
export interface IdentityLink {
  kind: '1:1'
  entity: 'Authenticatable'
  owner: true
  fieldName: 'id'
  primary?: boolean
  mapToPk?: boolean
  persist?: boolean
  nullable?: boolean
}

/**
 * The primary key of a user or node: also its one-to-one link to the `authenticatable` row, so
 * both keep upstream's ids (MikroORM 6 has no joined-table inheritance).
 */
export function identityKey(): IdentityLink {
  return {
    kind: '1:1',
    entity: 'Authenticatable',
    primary: true,
    owner: true,
    mapToPk: true,
    fieldName: 'id',
  }
}

/** A read-only view of the same `id` column, so the identity row can be populated. */
export function identityView(): IdentityLink {
  return {
    kind: '1:1',
    entity: 'Authenticatable',
    owner: true,
    fieldName: 'id',
    persist: false,
    nullable: true,
  }
}
