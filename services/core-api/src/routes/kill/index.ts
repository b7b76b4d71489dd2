import type { FastifyInstance } from 'fastify'
import { EVENT_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { killNodeTasks, killTask } from '../../domain/tasks/kill-requests.ts'
import { MEMBER_BODY } from '../collaborations/collaboration-schemas.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'

const schema = (summary: string, detail: string) => ({
  tags: ['Task'],
  summary,
  description: describe(detail, EVENT_RULES.describe('SEND')),
  security: [{ bearerAuth: [] }],
  body: MEMBER_BODY,
  response: { 200: MESSAGE_SCHEMA, ...ERRORS },
})

/** The kill endpoints; nodes hear them as `kill_containers`. */
export function registerKillRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  app.post<{ Body: { id: number } }>(
    `${deps.apiPath}/kill/task`,
    {
      config: { identities: ['user'] },
      schema: schema(
        'Kill a task',
        'Every unfinished run of the task and of all its descendants becomes `killed by user`; finished runs stay. A finished task is a 400.',
      ),
    },
    async (request) => {
      await killTask(request.em, request.caller, request.body.id)
      return {
        msg: `Nodes have been instructed to kill any containers running for task ${request.body.id}.`,
      }
    },
  )
  app.post<{ Body: { id: number } }>(
    `${deps.apiPath}/kill/node/tasks`,
    {
      config: { identities: ['user'] },
      schema: schema(
        'Kill all tasks on a node',
        'The node (which must be online) stops all its containers and reports the runs itself.',
      ),
    },
    async (request) => {
      await killNodeTasks(request.em, request.caller, request.body.id)
      return {
        msg: `Node ${request.body.id} has been instructed to kill all containers running on it.`,
      }
    },
  )
}
