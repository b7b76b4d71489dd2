import { Migration } from '@fedhub/shared/data'
import { TABLES } from './schema-0001.ts'

// Same plan as the PostgreSQL migration. SQLite cannot change an existing column's default, so
// adopted columns keep none (the entities set those values on insert), and a unique column must
// be added bare and given a unique index afterwards.
const ADDED_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['user', 'last_email_failed_login_sent', 'timestamp null'],
  ['user', 'last_email_recover_password_sent', 'timestamp null'],
  ['role', 'is_default_role', 'integer null'],
  ['task', 'study_id', 'integer null'],
  ['task', 'algorithm_store_id', 'integer null'],
  ['run', 'cleanup_at', 'timestamp null'],
  ['run', 'blob_storage_used', 'integer null'],
  ['authenticatable', 'token_version', 'integer not null default 0'],
  ['node', 'api_key_digest', 'varchar null'],
  ['node', 'version', 'integer not null default 1'],
  ['user', 'version', 'integer not null default 1'],
  ['role', 'version', 'integer not null default 1'],
  ['task', 'version', 'integer not null default 1'],
  ['run', 'version', 'integer not null default 1'],
]

/**
 * Creates fedhub's schema in an empty SQLite file, or adopts an upstream development database
 * (detected by its `organization` table) with additive changes only.
 */
export class Migration0001AdoptOrCreate extends Migration {
  override async up(): Promise<void> {
    if (await this.#exists('organization')) await this.#adopt()
    else for (const [, statements] of TABLES) for (const sql of statements) this.addSql(sql)
    this.addSql(
      'create table if not exists `fedhub_counter` (`name` varchar not null primary key, `value` integer not null)',
    )
    // Adoption keeps upstream's job ids, so the counter starts at the highest one.
    this.addSql(
      "insert or ignore into `fedhub_counter` (`name`, `value`) select 'job_id', coalesce(max(`job_id`), 0) from `task`",
    )
    this.addSql(
      'create table if not exists `fedhub_schema_version` (`id` integer not null primary key, `version` integer not null, `applied_at` datetime not null)',
    )
    this.addSql(
      "insert into `fedhub_schema_version` (`id`, `version`, `applied_at`) values (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) on conflict (`id`) do update set `version` = max(`version`, excluded.`version`), `applied_at` = excluded.`applied_at`",
    )
  }

  async #adopt(): Promise<void> {
    const existing = new Set<string>()
    for (const [table] of TABLES) if (await this.#exists(table)) existing.add(table)
    for (const [table, statements] of TABLES) {
      if (existing.has(table)) continue
      for (const sql of statements) this.addSql(sql)
    }
    for (const [table, column, type] of ADDED_COLUMNS) {
      if (!existing.has(table)) continue
      const rows = await this.execute('select name from pragma_table_info(?) where name = ?', [
        table,
        column,
      ])
      if (rows.length === 0)
        this.addSql(`alter table \`${table}\` add column \`${column}\` ${type}`)
    }
    for (const [table, statements] of TABLES) {
      if (!existing.has(table)) continue
      for (const sql of statements) {
        if (sql.startsWith('create index ') || sql.startsWith('create unique index ')) {
          this.addSql(sql.replace(/^create (unique )?index /, 'create $1index if not exists '))
        }
      }
    }
    this.addSql(
      "update `role` set `is_default_role` = 1 where `is_default_role` is null and `organization_id` is null and `name` in ('Root', 'Viewer', 'Researcher', 'Organization Admin', 'Collaboration Admin', 'node', 'container')",
    )
    this.addSql('update `role` set `is_default_role` = 0 where `is_default_role` is null')
  }

  async #exists(table: string): Promise<boolean> {
    const rows = await this.execute(
      "select name from sqlite_master where type = 'table' and name = ?",
      [table],
    )
    return rows.length > 0
  }
}
