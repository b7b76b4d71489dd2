import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { parseInclude } from '../../domain/list-kit/index.ts'
import { presentTasks } from '../../domain/tasks/present-tasks.ts'
import { viewableTask } from '../../domain/tasks/task-access.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { TASK_INCLUDE, TASK_SCHEMA } from './task-schemas.ts'

export function registerGetTask(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Params: { id: number }; Querystring: { include?: string | string[] } }>(
    `${deps.apiPath}/task/:id`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Task'],
        summary: 'Get a task',
        description: describe(
          'One task. COLLABORATION scope means the task’s own collaboration is one of the caller’s; `include=results` also needs run view.',
          TASK_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: { type: 'object', properties: { include: TASK_INCLUDE } },
        response: { 200: TASK_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      const wanted = parseInclude(request.query.include, ['runs', 'results'] as const)
      const task = await viewableTask(request.em, request.caller, id, {
        withResults: wanted.has('results'),
        notFoundText: `task id=${id} is not found`,
      })
      const [view] = await presentTasks(request.em, [task], deps.links, wanted)
      return view
    },
  )
}
