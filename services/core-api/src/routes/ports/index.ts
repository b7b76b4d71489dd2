import type { FastifyInstance } from 'fastify'
import { badRequest } from '../../domain/accounts/account-errors.ts'
import { ID, MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { addPort, removePorts } from '../../domain/ports/ports.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'

const PORT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    port: { type: ['integer', 'null'] },
    label: { type: ['string', 'null'] },
  },
  required: ['id', 'port', 'label'],
} as const

const meta = (summary: string) => ({
  tags: ['Port'],
  summary,
  description:
    'Only the node that executes the run; nodes register the ports of VPN-enabled algorithms.\n\nGated by: node identity (no rule)',
  security: [{ bearerAuth: [] }],
})

/** VPN ports of running algorithms. */
export function registerPortRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  const path = `${deps.apiPath}/port`
  app.post<{ Body: { port: number; run_id: number; label?: string | null } }>(
    path,
    {
      config: { identities: ['node'] },
      schema: {
        ...meta('Register a port'),
        body: {
          type: 'object',
          properties: {
            port: { type: 'integer', minimum: 1, maximum: 65535 },
            run_id: ID,
            label: { type: ['string', 'null'], maxLength: 128 },
          },
          required: ['port', 'run_id'],
          additionalProperties: false,
        },
        response: { 201: PORT_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const port = await addPort(request.em, request.caller, request.body)
      return reply
        .status(201)
        .send({ id: port.id, port: port.port ?? null, label: port.label ?? null })
    },
  )
  app.delete<{ Querystring: { run_id?: number } }>(
    path,
    {
      config: { identities: ['node'] },
      schema: {
        ...meta('Remove the ports of a run'),
        querystring: { type: 'object', properties: { run_id: ID } },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const runId = request.query.run_id
      if (runId === undefined) {
        throw badRequest('port.run_id_required', 'The run_id argument is required!')
      }
      await removePorts(request.em, request.caller, runId)
      return { msg: 'Ports removed from the database.' }
    },
  )
}
