import type { FastifyInstance } from 'fastify'
import { TASK_RULES } from '../../domain/federated/rules.ts'
import { ID } from '../../domain/list-kit/index.ts'
import { type ColumnRequest, columnNames } from '../../domain/tasks/column-names.ts'
import { presentTasks } from '../../domain/tasks/present-tasks.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { TASK_INPUT, TASK_SCHEMA } from '../tasks/task-schemas.ts'

/** `POST /column`, the UI task wizard's column lookup. */
export function registerColumnRoute(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: ColumnRequest }>(
    `${deps.apiPath}/column`,
    {
      config: { identities: ['user'] },
      schema: {
        tags: ['UI'],
        summary: 'Column names of a database',
        description: describe(
          'Answers 200 with the columns a node of the collaboration shared for the label, or else 201 with a `get_column_names` task whose results hold them.',
          TASK_RULES.describe('CREATE'),
        ),
        security: [{ bearerAuth: [] }],
        body: {
          type: 'object',
          properties: {
            db_label: { type: 'string' },
            collaboration_id: ID,
            organizations: TASK_INPUT.properties.organizations,
            sheet_name: { type: 'string' },
            query: { type: 'string' },
          },
          required: ['db_label', 'collaboration_id', 'organizations'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { columns: { type: 'array', items: { type: 'string' } } },
            required: ['columns'],
          },
          201: TASK_SCHEMA,
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const answer = await columnNames(request.em, request.caller, request.body, deps.stores)
      if ('columns' in answer) return answer
      const [view] = await presentTasks(request.em, [answer.task], deps.links, new Set())
      return reply.status(201).send(view)
    },
  )
}
