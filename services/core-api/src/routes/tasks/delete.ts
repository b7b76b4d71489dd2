import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { deleteTask } from '../../domain/tasks/delete-task.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'

export function registerDeleteTask(app: FastifyInstance, deps: FederatedDeps): void {
  app.delete<{ Params: { id: number } }>(
    `${deps.apiPath}/task/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['Task'],
        summary: 'Delete a task',
        description: describe(
          'Kills what still runs (nodes get `kill_containers`), then deletes the task, every descendant task and all their runs.',
          TASK_RULES.describe('DELETE'),
        ),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      await deleteTask(request.em, request.caller, id)
      return { msg: `task id=${id} and its algorithm run data have been successfully deleted` }
    },
  )
}
