import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { createTask, type TaskInput } from '../../domain/tasks/create-task.ts'
import { presentTasks } from '../../domain/tasks/present-tasks.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { TASK_INPUT, TASK_SCHEMA } from './task-schemas.ts'

export function registerCreateTask(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: TaskInput }>(
    `${deps.apiPath}/task`,
    {
      config: { identities: ['user', 'container'] },
      schema: {
        tags: ['Task'],
        summary: 'Create a task',
        description: describe(
          'Creates the task and one pending run per listed organization, in request order, each with its own input; atomically, with a job id from the sequence. A container creates a sub-task of its own task in its own collaboration. Inputs must be encrypted exactly when the collaboration is.',
          TASK_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: TASK_INPUT,
        response: { 201: TASK_SCHEMA, ...ERRORS, 403: ERRORS[401] },
      },
    },
    async (request, reply) => {
      const task = await createTask(request.em, request.caller, request.body, deps.stores)
      const [view] = await presentTasks(request.em, [task], deps.links, new Set())
      return reply.status(201).send(view)
    },
  )
}
