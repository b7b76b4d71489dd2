import type { FastifyInstance } from 'fastify'
import { badRequest } from '../../domain/accounts/account-errors.ts'
import { FLAG, ID, MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { addPort, removePorts } from '../../domain/ports/ports.ts'
import { algorithmAddresses } from '../../domain/ports/vpn-addresses.ts'
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

/** VPN ports of running algorithms, and the addresses containers read from them. */
export function registerPortRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerAlgorithmAddresses(app, deps)
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

type AddressFlags =
  | 'include_children'
  | 'include_parent'
  | 'only_children'
  | 'only_parent'
  | 'only_siblings'
  | 'only_self'

const ADDRESS_SCHEMA = {
  type: 'object',
  properties: {
    addresses: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          port: { type: ['integer', 'null'] },
          label: { type: ['string', 'null'] },
          ip: { type: ['string', 'null'] },
          organization_id: { type: ['integer', 'null'] },
          task_id: { type: ['integer', 'null'] },
          parent_id: { type: ['integer', 'null'] },
        },
        required: ['port', 'label', 'ip', 'organization_id', 'task_id', 'parent_id'],
      },
    },
  },
  required: ['addresses'],
} as const

/** `GET /vpn/algorithm/addresses`, read from the ports nodes registered. */
export function registerAlgorithmAddresses(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: Partial<Record<AddressFlags, string>> & { label?: string } }>(
    `${deps.apiPath}/vpn/algorithm/addresses`,
    {
      config: { identities: ['container'] },
      schema: {
        tags: ['VPN'],
        summary: 'Addresses of the algorithm containers of a task family',
        description:
          'The ports registered for the runs of the container’s task, with the VPN ip of the node running each. `include_children` / `include_parent` widen the set to sub-tasks / the parent task; at most one of `only_children`, `only_parent`, `only_siblings` (other organizations’ runs of the own task) and `only_self` narrows it. `label` filters on the port label.\n\nGated by: container identity (no rule)',
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            include_children: FLAG,
            include_parent: FLAG,
            only_children: FLAG,
            only_parent: FLAG,
            only_siblings: FLAG,
            only_self: FLAG,
            label: { type: 'string' },
          },
        },
        response: { 200: ADDRESS_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const q = request.query
      const addresses = await algorithmAddresses(request.em, request.caller, {
        includeChildren: parseFlag(q.include_children),
        includeParent: parseFlag(q.include_parent),
        onlyChildren: parseFlag(q.only_children),
        onlyParent: parseFlag(q.only_parent),
        onlySiblings: parseFlag(q.only_siblings),
        onlySelf: parseFlag(q.only_self),
        ...(q.label === undefined ? {} : { label: q.label }),
      })
      return { addresses }
    },
  )
}
