import { Migration } from '@fedhub/shared/data'
import { ENUM_TYPES, FOREIGN_KEYS, TABLES } from './schema-0001.ts'

// Columns upstream added during 4.x through ALTER TABLE (spec 3.8); an older database lacks them.
// Added the way upstream adds them: nullable, no default, no foreign key.
const UPSTREAM_LATE_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['user', 'last_email_failed_login_sent', 'timestamp'],
  ['user', 'last_email_recover_password_sent', 'timestamp'],
  ['role', 'is_default_role', 'boolean'],
  ['task', 'study_id', 'int'],
  ['task', 'algorithm_store_id', 'int'],
  ['run', 'cleanup_at', 'timestamp'],
  ['run', 'blob_storage_used', 'boolean'],
]

// fedhub's own columns; defaults fill every existing row.
const FEDHUB_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['authenticatable', 'token_version', 'int not null default 0'],
  ['node', 'api_key_digest', 'varchar null'],
  ['node', 'version', 'int not null default 1'],
  ['user', 'version', 'int not null default 1'],
  ['role', 'version', 'int not null default 1'],
  ['task', 'version', 'int not null default 1'],
  ['run', 'version', 'int not null default 1'],
]

// Upstream's defaults live in its ORM; fedhub's entities declare them, so the columns get them.
const COLUMN_DEFAULTS: readonly (readonly [string, string, string])[] = [
  ['collaboration', 'encrypted', 'true'],
  ['role', 'is_default_role', 'false'],
  ['run', 'blob_storage_used', 'false'],
  ['user', 'failed_login_attempts', '0'],
]

// Upstream association tables have no key at all (duplicates are possible), so both columns get
// an index instead of the composite primary key a fresh database has.
const ASSOCIATION_COLUMNS: readonly (readonly [string, string])[] = [
  ['Member', 'organization_id'],
  ['Member', 'collaboration_id'],
  ['StudyMember', 'organization_id'],
  ['StudyMember', 'study_id'],
  ['Permission', 'role_id'],
  ['Permission', 'user_id'],
  ['UserPermission', 'rule_id'],
  ['UserPermission', 'user_id'],
  ['role_rule_association', 'role_id'],
  ['role_rule_association', 'rule_id'],
]

const BUILT_IN_ROLES = [
  'Root',
  'Viewer',
  'Researcher',
  'Organization Admin',
  'Collaboration Admin',
  'node',
  'container',
]

/**
 * Creates fedhub's schema on an empty database, or adopts the schema of an upstream vantage6 4.x
 * server (detected by its `organization` table) with additive changes only: missing tables,
 * missing columns, defaults, indexes and fedhub's bookkeeping; no row is dropped or rewritten
 * except the `is_default_role` NULLs the spec says to settle.
 */
export class Migration0001AdoptOrCreate extends Migration {
  override async up(): Promise<void> {
    if (await this.#exists('organization')) await this.#adopt()
    else this.#createAll()
    this.addSql(`create sequence if not exists "fedhub_job_id_seq"`)
    // Adoption keeps upstream's job ids, so the sequence starts above the highest one.
    this.addSql(
      `select setval('fedhub_job_id_seq', (select coalesce(max("job_id"), 0) + 1 from "task"), false)`,
    )
    this.addSql(
      'create table if not exists "fedhub_schema_version" ("id" int primary key, "version" int not null, "applied_at" timestamp not null)',
    )
    this.addSql(
      `insert into "fedhub_schema_version" ("id", "version", "applied_at") values (1, 1, now() at time zone 'utc') on conflict ("id") do update set "version" = greatest("fedhub_schema_version"."version", excluded."version"), "applied_at" = excluded."applied_at"`,
    )
  }

  #createAll(): void {
    for (const sql of ENUM_TYPES) this.addSql(sql)
    for (const [, statements] of TABLES) for (const sql of statements) this.addSql(sql)
    for (const [, statements] of FOREIGN_KEYS) for (const sql of statements) this.addSql(sql)
  }

  async #adopt(): Promise<void> {
    const existing = new Set<string>()
    for (const [table] of TABLES) if (await this.#exists(table)) existing.add(table)
    for (const sql of ENUM_TYPES) {
      const name = /create type "([^"]+)"/.exec(sql)?.[1] ?? ''
      const rows = await this.execute('select 1 from pg_type where typname = ?', [name])
      if (rows.length === 0) this.addSql(sql)
    }
    for (const [table, statements] of TABLES) {
      if (!existing.has(table)) for (const sql of statements) this.addSql(sql)
    }
    // Foreign keys only for the tables created here; upstream's own keep their constraints.
    for (const [table, statements] of FOREIGN_KEYS) {
      if (!existing.has(table)) for (const sql of statements) this.addSql(sql)
    }
    for (const [table, column, type] of [...UPSTREAM_LATE_COLUMNS, ...FEDHUB_COLUMNS]) {
      if (existing.has(table)) {
        this.addSql(`alter table "${table}" add column if not exists "${column}" ${type}`)
      }
    }
    if (existing.has('node')) {
      this.addSql(
        'create unique index if not exists "node_api_key_digest_unique" on "node" ("api_key_digest")',
      )
    }
    for (const [table, column, value] of COLUMN_DEFAULTS) {
      this.addSql(`alter table "${table}" alter column "${column}" set default ${value}`)
    }
    // The indexes of spec 3.9, named as a fresh database names them.
    for (const [table, statements] of TABLES) {
      if (!existing.has(table)) continue
      for (const sql of statements) {
        if (sql.startsWith('create index ')) {
          this.addSql(sql.replace('create index ', 'create index if not exists '))
        }
      }
    }
    for (const [table, column] of ASSOCIATION_COLUMNS) {
      if (!existing.has(table)) continue
      this.addSql(
        `create index if not exists "${table}_${column}_index" on "${table}" ("${column}")`,
      )
    }
    this.#settleDefaultRoles()
  }

  // Roles older than 4.3.0 have NULL; upstream would never update them again (spec 3.8).
  #settleDefaultRoles(): void {
    const names = BUILT_IN_ROLES.map((name) => `'${name}'`).join(', ')
    this.addSql(
      `update "role" set "is_default_role" = true where "is_default_role" is null and "organization_id" is null and "name" in (${names})`,
    )
    this.addSql(`update "role" set "is_default_role" = false where "is_default_role" is null`)
  }

  async #exists(table: string): Promise<boolean> {
    const rows = await this.execute('select to_regclass(?) as t', [`"${table}"`])
    return rows[0]?.t != null
  }
}
