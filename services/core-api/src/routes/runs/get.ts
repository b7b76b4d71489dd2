import type { FastifyInstance } from 'fastify'
import { RUN_RULES } from '../../domain/federated/rules.ts'
import { getRun } from '../../domain/runs/get-run.ts'
import { presentRuns } from '../../domain/runs/present-runs.ts'
import { toResultView } from '../../domain/runs/run-view.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { RESULT_SCHEMA, RUN_SCHEMA } from './run-schemas.ts'

const schema = (summary: string, item: object, query?: object) => ({
  tags: ['Run'],
  summary,
  description: describe(
    'COLLABORATION scope means the task’s own collaboration is one of the caller’s.',
    RUN_RULES.describe('VIEW'),
  ),
  security: [{ bearerAuth: [] }],
  params: ID_PARAMS,
  ...(query === undefined ? {} : { querystring: query }),
  response: { 200: item, ...ERRORS },
})

const identities = ['user', 'node', 'container'] as const

export function registerGetRun(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Params: { id: number }; Querystring: { include?: string } }>(
    `${deps.apiPath}/run/:id`,
    {
      config: { identities },
      schema: schema('Get a run', RUN_SCHEMA, {
        type: 'object',
        properties: { include: { type: 'string', description: 'exactly `task`' } },
      }),
    },
    async (request) => {
      const run = await getRun(request.em, request.caller, request.params.id)
      // Upstream honours only the exact value here.
      const [view] = await presentRuns(
        request.em,
        [run],
        deps.links,
        request.query.include === 'task',
      )
      return view
    },
  )
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/result/:id`,
    { config: { identities }, schema: schema('Get a result', RESULT_SCHEMA) },
    async (request) =>
      toResultView(await getRun(request.em, request.caller, request.params.id), deps.links),
  )
}
