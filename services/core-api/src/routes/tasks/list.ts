import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { ID, listSchema, PAGE_QUERY, parseInclude } from '../../domain/list-kit/index.ts'
import { listTasks } from '../../domain/tasks/list-tasks.ts'
import { presentTasks } from '../../domain/tasks/present-tasks.ts'
import type { TaskFilters } from '../../domain/tasks/task-filters.ts'
import { TASK_SORT_COLUMNS } from '../../domain/tasks/task-view.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { TASK_INCLUDE, TASK_SCHEMA } from './task-schemas.ts'

type Query = TaskFilters & PageQuery & { include?: string | string[] }

export function registerListTasks(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: Query }>(
    `${deps.apiPath}/task`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Task'],
        summary: 'List tasks',
        description: describe(
          'Tasks the caller may view, newest first (`sort` only breaks ties). `include=results` needs run view at least as wide as task view.',
          TASK_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            collaboration_id: ID,
            study_id: ID,
            init_org_id: ID,
            init_user_id: ID,
            parent_id: ID,
            job_id: ID,
            run_id: ID,
            store_id: ID,
            name: { type: 'string' },
            image: { type: 'string' },
            description: { type: 'string' },
            database: { type: 'string' },
            is_user_created: { type: 'integer' },
            status: { type: 'string', description: 'LIKE on the status derived from the runs' },
            include: TASK_INCLUDE,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(TASK_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, include, ...filters } = request.query
      const wanted = parseInclude(include, ['runs', 'results'] as const)
      const result = await listTasks(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Task', TASK_SORT_COLUMNS),
        wanted.has('results'),
      )
      const data = await presentTasks(request.em, result.rows, deps.links, wanted)
      return sendPage(request, reply, { ...result, rows: data }, (view) => view)
    },
  )
}
