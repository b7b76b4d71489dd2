// Schema of fedhub migration 0001 as MikroORM generated it from the entities of that version.
// Frozen: later entity changes get a new migration, and the schema-diff test catches drift.

export const ENUM_TYPES: readonly string[] = [
  "create type \"operation\" as enum ('VIEW', 'EDIT', 'CREATE', 'DELETE', 'SEND', 'RECEIVE')",
  "create type \"scope\" as enum ('OWN', 'ORGANIZATION', 'COLLABORATION', 'GLOBAL')",
]

export const TABLES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'authenticatable',
    [
      'create table "authenticatable" ("id" serial primary key, "type" varchar(50) null, "ip" varchar null, "last_seen" timestamp null, "status" varchar null, "token_version" int not null default 0)',
    ],
  ],
  [
    'collaboration',
    [
      'create table "collaboration" ("id" serial primary key, "name" varchar null, "encrypted" boolean null default true)',
      'alter table "collaboration" add constraint "collaboration_name_unique" unique ("name")',
    ],
  ],
  [
    'algorithmstore',
    [
      'create table "algorithmstore" ("id" serial primary key, "name" varchar null, "url" varchar null, "collaboration_id" int null)',
    ],
  ],
  [
    'organization',
    [
      'create table "organization" ("id" serial primary key, "name" varchar null, "domain" varchar null, "address1" varchar null, "address2" varchar null, "zipcode" varchar null, "country" varchar null, "_public_key" bytea null)',
      'alter table "organization" add constraint "organization_name_unique" unique ("name")',
    ],
  ],
  [
    'node',
    [
      'create table "node" ("id" int not null, "name" varchar null, "api_key" varchar null, "api_key_digest" varchar null, "collaboration_id" int null, "organization_id" int null, "version" int not null default 1, constraint "node_pkey" primary key ("id"))',
      'alter table "node" add constraint "node_name_unique" unique ("name")',
      'alter table "node" add constraint "node_api_key_digest_unique" unique ("api_key_digest")',
      'create index "node_collaboration_id_organization_id_index" on "node" ("collaboration_id", "organization_id")',
    ],
  ],
  [
    'nodeconfig',
    [
      'create table "nodeconfig" ("id" serial primary key, "node_id" int null, "key" varchar null, "value" varchar null)',
      'create index "nodeconfig_node_id_index" on "nodeconfig" ("node_id")',
    ],
  ],
  [
    'Member',
    [
      'create table "Member" ("collaboration_id" int not null, "organization_id" int not null, constraint "Member_pkey" primary key ("collaboration_id", "organization_id"))',
    ],
  ],
  [
    'outbox',
    [
      'create table "outbox" ("id" bigserial primary key, "subject" varchar(255) not null, "payload" jsonb not null, "headers" jsonb null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0)',
      'create index "outbox_unpublished_index" on "outbox" ("published_at", "id")',
    ],
  ],
  [
    'role',
    [
      'create table "role" ("id" serial primary key, "name" text null, "description" text null, "organization_id" int null, "is_default_role" boolean null default false, "version" int not null default 1)',
    ],
  ],
  [
    'rule',
    [
      'create table "rule" ("id" serial primary key, "name" text null, "operation" "operation" null, "scope" "scope" null, "description" varchar null)',
    ],
  ],
  [
    'role_rule_association',
    [
      'create table "role_rule_association" ("role_id" int not null, "rule_id" int not null, constraint "role_rule_association_pkey" primary key ("role_id", "rule_id"))',
    ],
  ],
  [
    'study',
    [
      'create table "study" ("id" serial primary key, "name" varchar null, "collaboration_id" int null)',
      'alter table "study" add constraint "study_name_unique" unique ("name")',
    ],
  ],
  [
    'StudyMember',
    [
      'create table "StudyMember" ("study_id" int not null, "organization_id" int not null, constraint "StudyMember_pkey" primary key ("study_id", "organization_id"))',
    ],
  ],
  [
    'user',
    [
      'create table "user" ("id" int not null, "username" varchar null, "password" varchar null, "firstname" varchar null, "lastname" varchar null, "email" varchar null, "organization_id" int null, "failed_login_attempts" int null default 0, "last_login_attempt" timestamp null, "otp_secret" varchar(32) null, "last_email_failed_login_sent" timestamp null, "last_email_recover_password_sent" timestamp null, "version" int not null default 1, constraint "user_pkey" primary key ("id"))',
      'alter table "user" add constraint "user_username_unique" unique ("username")',
      'alter table "user" add constraint "user_email_unique" unique ("email")',
    ],
  ],
  [
    'task',
    [
      'create table "task" ("id" serial primary key, "name" varchar null, "description" varchar null, "image" varchar null, "collaboration_id" int null, "study_id" int null, "job_id" int null, "parent_id" int null, "init_org_id" int null, "init_user_id" int null, "created_at" timestamp null, "algorithm_store_id" int null, "version" int not null default 1)',
      'create index "task_collaboration_id_index" on "task" ("collaboration_id")',
      'create index "task_job_id_index" on "task" ("job_id")',
      'create index "task_parent_id_index" on "task" ("parent_id")',
    ],
  ],
  [
    'taskdatabase',
    [
      'create table "taskdatabase" ("id" serial primary key, "task_id" int null, "database" varchar null, "parameters" varchar null)',
    ],
  ],
  [
    'run',
    [
      'create table "run" ("id" serial primary key, "input" text null, "task_id" int null, "organization_id" int null, "result" text null, "assigned_at" timestamp null, "started_at" timestamp null, "finished_at" timestamp null, "status" text null, "log" text null, "cleanup_at" timestamp null, "blob_storage_used" boolean null default false, "version" int not null default 1)',
      'create index "run_task_id_index" on "run" ("task_id")',
      'create index "run_organization_id_index" on "run" ("organization_id")',
      'create index "run_finished_at_index" on "run" ("finished_at")',
    ],
  ],
  [
    'algorithmport',
    [
      'create table "algorithmport" ("id" serial primary key, "port" int null, "run_id" int null, "label" varchar null)',
    ],
  ],
  [
    'Permission',
    [
      'create table "Permission" ("user_id" int not null, "role_id" int not null, constraint "Permission_pkey" primary key ("user_id", "role_id"))',
    ],
  ],
  [
    'UserPermission',
    [
      'create table "UserPermission" ("user_id" int not null, "rule_id" int not null, constraint "UserPermission_pkey" primary key ("user_id", "rule_id"))',
    ],
  ],
]

export const FOREIGN_KEYS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'algorithmstore',
    [
      'alter table "algorithmstore" add constraint "algorithmstore_collaboration_id_foreign" foreign key ("collaboration_id") references "collaboration" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'node',
    [
      'alter table "node" add constraint "node_id_foreign" foreign key ("id") references "authenticatable" ("id") on update cascade on delete cascade',
      'alter table "node" add constraint "node_collaboration_id_foreign" foreign key ("collaboration_id") references "collaboration" ("id") on update cascade on delete set null',
      'alter table "node" add constraint "node_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'nodeconfig',
    [
      'alter table "nodeconfig" add constraint "nodeconfig_node_id_foreign" foreign key ("node_id") references "node" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'Member',
    [
      'alter table "Member" add constraint "Member_collaboration_id_foreign" foreign key ("collaboration_id") references "collaboration" ("id") on update cascade on delete cascade',
      'alter table "Member" add constraint "Member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade',
    ],
  ],
  [
    'role',
    [
      'alter table "role" add constraint "role_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'role_rule_association',
    [
      'alter table "role_rule_association" add constraint "role_rule_association_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade',
      'alter table "role_rule_association" add constraint "role_rule_association_rule_id_foreign" foreign key ("rule_id") references "rule" ("id") on update cascade on delete cascade',
    ],
  ],
  [
    'study',
    [
      'alter table "study" add constraint "study_collaboration_id_foreign" foreign key ("collaboration_id") references "collaboration" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'StudyMember',
    [
      'alter table "StudyMember" add constraint "StudyMember_study_id_foreign" foreign key ("study_id") references "study" ("id") on update cascade on delete cascade',
      'alter table "StudyMember" add constraint "StudyMember_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade',
    ],
  ],
  [
    'user',
    [
      'alter table "user" add constraint "user_id_foreign" foreign key ("id") references "authenticatable" ("id") on update cascade on delete cascade',
      'alter table "user" add constraint "user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'task',
    [
      'alter table "task" add constraint "task_collaboration_id_foreign" foreign key ("collaboration_id") references "collaboration" ("id") on update cascade on delete set null',
      'alter table "task" add constraint "task_study_id_foreign" foreign key ("study_id") references "study" ("id") on update cascade on delete set null',
      'alter table "task" add constraint "task_parent_id_foreign" foreign key ("parent_id") references "task" ("id") on update cascade on delete set null',
      'alter table "task" add constraint "task_init_org_id_foreign" foreign key ("init_org_id") references "organization" ("id") on update cascade on delete set null',
      'alter table "task" add constraint "task_init_user_id_foreign" foreign key ("init_user_id") references "user" ("id") on update cascade on delete set null',
      'alter table "task" add constraint "task_algorithm_store_id_foreign" foreign key ("algorithm_store_id") references "algorithmstore" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'taskdatabase',
    [
      'alter table "taskdatabase" add constraint "taskdatabase_task_id_foreign" foreign key ("task_id") references "task" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'run',
    [
      'alter table "run" add constraint "run_task_id_foreign" foreign key ("task_id") references "task" ("id") on update cascade on delete set null',
      'alter table "run" add constraint "run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'algorithmport',
    [
      'alter table "algorithmport" add constraint "algorithmport_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete set null',
    ],
  ],
  [
    'Permission',
    [
      'alter table "Permission" add constraint "Permission_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade',
      'alter table "Permission" add constraint "Permission_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade',
    ],
  ],
  [
    'UserPermission',
    [
      'alter table "UserPermission" add constraint "UserPermission_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete cascade',
      'alter table "UserPermission" add constraint "UserPermission_rule_id_foreign" foreign key ("rule_id") references "rule" ("id") on update cascade on delete cascade',
    ],
  ],
]
