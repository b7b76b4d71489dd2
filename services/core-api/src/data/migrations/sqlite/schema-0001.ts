// Schema of fedhub migration 0001 as MikroORM generated it from the entities of that version.
// Frozen: later entity changes get a new migration, and the schema-diff test catches drift.

export const TABLES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'authenticatable',
    [
      'create table `authenticatable` (`id` integer not null primary key autoincrement, `type` varchar(50) null, `ip` varchar null, `last_seen` timestamp null, `status` varchar null, `token_version` integer not null default 0)',
    ],
  ],
  [
    'collaboration',
    [
      'create table `collaboration` (`id` integer not null primary key autoincrement, `name` varchar null, `encrypted` integer null default true)',
      'create unique index `collaboration_name_unique` on `collaboration` (`name`)',
    ],
  ],
  [
    'algorithmstore',
    [
      'create table `algorithmstore` (`id` integer not null primary key autoincrement, `name` varchar null, `url` varchar null, `collaboration_id` integer null, constraint `algorithmstore_collaboration_id_foreign` foreign key(`collaboration_id`) references `collaboration`(`id`) on delete set null on update cascade)',
      'create index `algorithmstore_collaboration_id_index` on `algorithmstore` (`collaboration_id`)',
    ],
  ],
  [
    'organization',
    [
      'create table `organization` (`id` integer not null primary key autoincrement, `name` varchar null, `domain` varchar null, `address1` varchar null, `address2` varchar null, `zipcode` varchar null, `country` varchar null, `_public_key` blob null)',
      'create unique index `organization_name_unique` on `organization` (`name`)',
    ],
  ],
  [
    'node',
    [
      'create table `node` (`id` integer not null, `name` varchar null, `api_key` varchar null, `api_key_digest` varchar null, `collaboration_id` integer null, `organization_id` integer null, `version` integer not null default 1, constraint `node_id_foreign` foreign key(`id`) references `authenticatable`(`id`) on delete cascade on update cascade, constraint `node_collaboration_id_foreign` foreign key(`collaboration_id`) references `collaboration`(`id`) on delete set null on update cascade, constraint `node_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete set null on update cascade, primary key (`id`))',
      'create unique index `node_name_unique` on `node` (`name`)',
      'create unique index `node_api_key_digest_unique` on `node` (`api_key_digest`)',
      'create index `node_collaboration_id_index` on `node` (`collaboration_id`)',
      'create index `node_organization_id_index` on `node` (`organization_id`)',
      'create index `node_collaboration_id_organization_id_index` on `node` (`collaboration_id`, `organization_id`)',
    ],
  ],
  [
    'nodeconfig',
    [
      'create table `nodeconfig` (`id` integer not null primary key autoincrement, `node_id` integer null, `key` varchar null, `value` varchar null, constraint `nodeconfig_node_id_foreign` foreign key(`node_id`) references `node`(`id`) on delete set null on update cascade)',
      'create index `nodeconfig_node_id_index` on `nodeconfig` (`node_id`)',
    ],
  ],
  [
    'Member',
    [
      'create table `Member` (`collaboration_id` integer not null, `organization_id` integer not null, constraint `Member_collaboration_id_foreign` foreign key(`collaboration_id`) references `collaboration`(`id`) on delete cascade on update cascade, constraint `Member_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete cascade on update cascade, primary key (`collaboration_id`, `organization_id`))',
      'create index `Member_collaboration_id_index` on `Member` (`collaboration_id`)',
      'create index `Member_organization_id_index` on `Member` (`organization_id`)',
    ],
  ],
  [
    'outbox',
    [
      'create table `outbox` (`id` integer not null primary key autoincrement, `subject` text not null, `payload` json not null, `headers` json null, `created_at` datetime not null, `published_at` datetime null, `attempts` integer not null default 0)',
      'create index `outbox_unpublished_index` on `outbox` (`published_at`, `id`)',
    ],
  ],
  [
    'role',
    [
      'create table `role` (`id` integer not null primary key autoincrement, `name` text null, `description` text null, `organization_id` integer null, `is_default_role` integer null default false, `version` integer not null default 1, constraint `role_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete set null on update cascade)',
      'create index `role_organization_id_index` on `role` (`organization_id`)',
    ],
  ],
  [
    'rule',
    [
      "create table `rule` (`id` integer not null primary key autoincrement, `name` text null, `operation` text check (`operation` in ('VIEW', 'EDIT', 'CREATE', 'DELETE', 'SEND', 'RECEIVE')) null, `scope` text check (`scope` in ('OWN', 'ORGANIZATION', 'COLLABORATION', 'GLOBAL')) null, `description` varchar null)",
    ],
  ],
  [
    'role_rule_association',
    [
      'create table `role_rule_association` (`role_id` integer not null, `rule_id` integer not null, constraint `role_rule_association_role_id_foreign` foreign key(`role_id`) references `role`(`id`) on delete cascade on update cascade, constraint `role_rule_association_rule_id_foreign` foreign key(`rule_id`) references `rule`(`id`) on delete cascade on update cascade, primary key (`role_id`, `rule_id`))',
      'create index `role_rule_association_role_id_index` on `role_rule_association` (`role_id`)',
      'create index `role_rule_association_rule_id_index` on `role_rule_association` (`rule_id`)',
    ],
  ],
  [
    'study',
    [
      'create table `study` (`id` integer not null primary key autoincrement, `name` varchar null, `collaboration_id` integer null, constraint `study_collaboration_id_foreign` foreign key(`collaboration_id`) references `collaboration`(`id`) on delete set null on update cascade)',
      'create unique index `study_name_unique` on `study` (`name`)',
      'create index `study_collaboration_id_index` on `study` (`collaboration_id`)',
    ],
  ],
  [
    'StudyMember',
    [
      'create table `StudyMember` (`study_id` integer not null, `organization_id` integer not null, constraint `StudyMember_study_id_foreign` foreign key(`study_id`) references `study`(`id`) on delete cascade on update cascade, constraint `StudyMember_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete cascade on update cascade, primary key (`study_id`, `organization_id`))',
      'create index `StudyMember_study_id_index` on `StudyMember` (`study_id`)',
      'create index `StudyMember_organization_id_index` on `StudyMember` (`organization_id`)',
    ],
  ],
  [
    'user',
    [
      'create table `user` (`id` integer not null, `username` varchar null, `password` varchar null, `firstname` varchar null, `lastname` varchar null, `email` varchar null, `organization_id` integer null, `failed_login_attempts` integer null default 0, `last_login_attempt` timestamp null, `otp_secret` varchar(32) null, `last_email_failed_login_sent` timestamp null, `last_email_recover_password_sent` timestamp null, `version` integer not null default 1, constraint `user_id_foreign` foreign key(`id`) references `authenticatable`(`id`) on delete cascade on update cascade, constraint `user_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete set null on update cascade, primary key (`id`))',
      'create unique index `user_username_unique` on `user` (`username`)',
      'create unique index `user_email_unique` on `user` (`email`)',
      'create index `user_organization_id_index` on `user` (`organization_id`)',
    ],
  ],
  [
    'task',
    [
      'create table `task` (`id` integer not null primary key autoincrement, `name` varchar null, `description` varchar null, `image` varchar null, `collaboration_id` integer null, `study_id` integer null, `job_id` integer null, `parent_id` integer null, `init_org_id` integer null, `init_user_id` integer null, `created_at` timestamp null, `algorithm_store_id` integer null, `version` integer not null default 1, constraint `task_collaboration_id_foreign` foreign key(`collaboration_id`) references `collaboration`(`id`) on delete set null on update cascade, constraint `task_study_id_foreign` foreign key(`study_id`) references `study`(`id`) on delete set null on update cascade, constraint `task_parent_id_foreign` foreign key(`parent_id`) references `task`(`id`) on delete set null on update cascade, constraint `task_init_org_id_foreign` foreign key(`init_org_id`) references `organization`(`id`) on delete set null on update cascade, constraint `task_init_user_id_foreign` foreign key(`init_user_id`) references `user`(`id`) on delete set null on update cascade, constraint `task_algorithm_store_id_foreign` foreign key(`algorithm_store_id`) references `algorithmstore`(`id`) on delete set null on update cascade)',
      'create index `task_collaboration_id_index` on `task` (`collaboration_id`)',
      'create index `task_study_id_index` on `task` (`study_id`)',
      'create index `task_job_id_index` on `task` (`job_id`)',
      'create index `task_parent_id_index` on `task` (`parent_id`)',
      'create index `task_init_org_id_index` on `task` (`init_org_id`)',
      'create index `task_init_user_id_index` on `task` (`init_user_id`)',
      'create index `task_algorithm_store_id_index` on `task` (`algorithm_store_id`)',
    ],
  ],
  [
    'taskdatabase',
    [
      'create table `taskdatabase` (`id` integer not null primary key autoincrement, `task_id` integer null, `database` varchar null, `parameters` varchar null, constraint `taskdatabase_task_id_foreign` foreign key(`task_id`) references `task`(`id`) on delete set null on update cascade)',
      'create index `taskdatabase_task_id_index` on `taskdatabase` (`task_id`)',
    ],
  ],
  [
    'run',
    [
      'create table `run` (`id` integer not null primary key autoincrement, `input` text null, `task_id` integer null, `organization_id` integer null, `result` text null, `assigned_at` timestamp null, `started_at` timestamp null, `finished_at` timestamp null, `status` text null, `log` text null, `cleanup_at` timestamp null, `blob_storage_used` integer null default false, `version` integer not null default 1, constraint `run_task_id_foreign` foreign key(`task_id`) references `task`(`id`) on delete set null on update cascade, constraint `run_organization_id_foreign` foreign key(`organization_id`) references `organization`(`id`) on delete set null on update cascade)',
      'create index `run_task_id_index` on `run` (`task_id`)',
      'create index `run_organization_id_index` on `run` (`organization_id`)',
      'create index `run_finished_at_index` on `run` (`finished_at`)',
    ],
  ],
  [
    'algorithmport',
    [
      'create table `algorithmport` (`id` integer not null primary key autoincrement, `port` integer null, `run_id` integer null, `label` varchar null, constraint `algorithmport_run_id_foreign` foreign key(`run_id`) references `run`(`id`) on delete set null on update cascade)',
      'create index `algorithmport_run_id_index` on `algorithmport` (`run_id`)',
    ],
  ],
  [
    'Permission',
    [
      'create table `Permission` (`user_id` integer not null, `role_id` integer not null, constraint `Permission_user_id_foreign` foreign key(`user_id`) references `user`(`id`) on delete cascade on update cascade, constraint `Permission_role_id_foreign` foreign key(`role_id`) references `role`(`id`) on delete cascade on update cascade, primary key (`user_id`, `role_id`))',
      'create index `Permission_user_id_index` on `Permission` (`user_id`)',
      'create index `Permission_role_id_index` on `Permission` (`role_id`)',
    ],
  ],
  [
    'UserPermission',
    [
      'create table `UserPermission` (`user_id` integer not null, `rule_id` integer not null, constraint `UserPermission_user_id_foreign` foreign key(`user_id`) references `user`(`id`) on delete cascade on update cascade, constraint `UserPermission_rule_id_foreign` foreign key(`rule_id`) references `rule`(`id`) on delete cascade on update cascade, primary key (`user_id`, `rule_id`))',
      'create index `UserPermission_user_id_index` on `UserPermission` (`user_id`)',
      'create index `UserPermission_rule_id_index` on `UserPermission` (`rule_id`)',
    ],
  ],
]
