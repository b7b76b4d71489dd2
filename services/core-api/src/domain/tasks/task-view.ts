import type { Task } from '@fedhub/shared/entities'
import { formatTimestamp, type HateoasLink, type LinkBuilder } from '../list-kit/index.ts'
import type { ResultView, RunView } from '../runs/run-view.ts'
import type { TaskExtras } from './task-extras.ts'

export interface TaskView {
  id: number
  name: string | null
  description: string | null
  image: string | null
  job_id: number | null
  created_at: string | null
  status: string
  finished_at: string | null
  collaboration: HateoasLink | null
  study: HateoasLink | null
  parent: HateoasLink | null
  init_org: HateoasLink | null
  init_user: HateoasLink | null
  algorithm_store: HateoasLink | null
  runs?: string | RunView[]
  results: string | ResultView[]
  children: string
  databases: Array<{ label: string | null; parameters: string | null }>
}

export interface TaskIncludes {
  runs?: RunView[]
  results?: ResultView[]
  /** Leave `runs` out entirely: a task nested in a run has no `runs` key. */
  withoutRuns?: boolean
}

export function toTaskView(
  task: Task,
  links: LinkBuilder,
  extras: TaskExtras,
  includes: TaskIncludes = {},
): TaskView {
  const id = task.id
  const state = extras.states.get(id) ?? { status: 'completed', finishedAt: null }
  const view: TaskView = {
    id,
    name: task.name ?? null,
    description: task.description ?? null,
    image: task.image ?? null,
    job_id: task.jobId ?? null,
    created_at: formatTimestamp(task.createdAt),
    status: state.status,
    finished_at: state.status === 'completed' ? formatTimestamp(state.finishedAt) : null,
    collaboration: links.one('collaboration', task.collaboration?.id),
    study: links.one('study', task.study?.id),
    parent: links.one('task', task.parent?.id),
    init_org: links.one('organization', task.initOrg?.id),
    init_user: links.one('user', task.initUser?.id),
    algorithm_store: links.one('algorithmstore', task.algorithmStore?.id),
    results: includes.results ?? links.many('result', 'task_id', id),
    children: links.many('task', 'parent_id', id),
    databases: extras.databases.get(id) ?? [],
  }
  if (includes.withoutRuns !== true) view.runs = includes.runs ?? links.many('run', 'task_id', id)
  return view
}

export const TASK_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 't.id',
  name: 't.name',
  description: 't.description',
  image: 't.image',
  job_id: 't.jobId',
  created_at: 't.createdAt',
  collaboration_id: 't.collaboration',
  study_id: 't.study',
  parent_id: 't.parent',
  init_org_id: 't.initOrg',
  init_user_id: 't.initUser',
  algorithm_store_id: 't.algorithmStore',
}
