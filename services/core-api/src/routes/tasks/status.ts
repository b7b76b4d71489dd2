import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { viewableTask } from '../../domain/tasks/task-access.ts'
import { loadTaskExtras } from '../../domain/tasks/task-extras.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'

export function registerTaskStatus(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Params: { id: number } }>(
    `${deps.apiPath}/task/:id/status`,
    {
      config: { identities: ['user', 'container'] },
      schema: {
        tags: ['Task'],
        summary: 'Status of a task',
        description: describe(
          'The status derived from the task’s runs; clients poll it until the task finished.',
          TASK_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: {
          200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      await viewableTask(request.em, request.caller, id, {
        withResults: false,
        notFoundText: `Task id=${id} not found`,
      })
      const extras = await loadTaskExtras(request.em, [id])
      return { status: extras.states.get(id)?.status ?? 'completed' }
    },
  )
}
