import { EntitySchema } from '@mikro-orm/core'
import { serialId, varchar } from './columns.ts'
import type { Task } from './task.ts'

/** `taskdatabase`: one database a task asked for. */
export class TaskDatabase {
  id!: number
  task?: Task | null
  /** The database label. */
  database?: string | null
  /** The other keys of the submitted database object as compact JSON text. */
  parameters?: string | null
}

export const TaskDatabaseSchema = new EntitySchema<TaskDatabase>({
  class: TaskDatabase,
  tableName: 'taskdatabase',
  properties: {
    id: serialId(),
    task: { kind: 'm:1', entity: 'Task', fieldName: 'task_id', nullable: true },
    database: varchar('database'),
    parameters: varchar('parameters'),
  },
})
