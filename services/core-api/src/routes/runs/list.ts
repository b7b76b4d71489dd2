import type { FastifyInstance } from 'fastify'
import { RUN_RULES } from '../../domain/federated/rules.ts'
import { listSchema, PAGE_QUERY, parseInclude } from '../../domain/list-kit/index.ts'
import {
  listRuns,
  RESULT_COLUMNS,
  RUN_COLUMNS,
  type RunFilters,
} from '../../domain/runs/list-runs.ts'
import { presentRuns } from '../../domain/runs/present-runs.ts'
import { RUN_SORT_COLUMNS, toResultView } from '../../domain/runs/run-view.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { TASK_INCLUDE } from '../tasks/task-schemas.ts'
import { RESULT_SCHEMA, RUN_FILTERS, RUN_SCHEMA } from './run-schemas.ts'

type Query = RunFilters & PageQuery & { include?: string | string[] }

const schema = (summary: string, detail: string, item: object) => ({
  tags: ['Run'],
  summary,
  description: describe(
    `${detail} Newest first (\`sort\` only breaks ties). COLLABORATION scope: runs of tasks in the caller’s collaborations; ORGANIZATION: runs the caller’s organization executes; OWN: runs of the caller’s tasks.`,
    RUN_RULES.describe('VIEW'),
  ),
  security: [{ bearerAuth: [] }],
  querystring: {
    type: 'object',
    properties: { ...RUN_FILTERS, include: TASK_INCLUDE, ...PAGE_QUERY },
  },
  response: { 200: listSchema(item), ...ERRORS },
})

const identities = ['user', 'node', 'container'] as const

/** `GET /run` (with inputs) and `GET /result` (with results) share filters and checks. */
export function registerListRuns(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: Query }>(
    `${deps.apiPath}/run`,
    {
      config: { identities },
      schema: schema(
        'List runs',
        'Runs with their input; `include=task` nests the task.',
        RUN_SCHEMA,
      ),
    },
    async (request, reply) => {
      const { page, per_page, sort, include, ...filters } = request.query
      const result = await listRuns(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Run', RUN_SORT_COLUMNS),
        RUN_COLUMNS,
      )
      const withTask = parseInclude(include, ['task'] as const).has('task')
      const data = await presentRuns(request.em, result.rows, deps.links, withTask)
      return sendPage(request, reply, { ...result, rows: data }, (view) => view)
    },
  )
  app.get<{ Querystring: Query }>(
    `${deps.apiPath}/result`,
    { config: { identities }, schema: schema('List results', 'Results of runs.', RESULT_SCHEMA) },
    async (request, reply) => {
      const { page, per_page, sort, include: _include, ...filters } = request.query
      const result = await listRuns(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Run', RUN_SORT_COLUMNS),
        RESULT_COLUMNS,
      )
      return sendPage(request, reply, result, (run) => toResultView(run, deps.links))
    },
  )
}
