/** fedhub's bookkeeping tables that are not entities (the schema diff ignores them). */
export const SCHEMA_VERSION_TABLE = 'fedhub_schema_version'
/** SQLite stand-in for a sequence: one row per counter, bumped inside the caller's transaction. */
export const COUNTER_TABLE = 'fedhub_counter'
/** The PostgreSQL sequence behind `task.job_id`. */
export const JOB_ID_SEQUENCE = 'fedhub_job_id_seq'

export const FEDHUB_TABLES = [SCHEMA_VERSION_TABLE, COUNTER_TABLE, 'fedhub_migrations'] as const
