import type { ClientType } from '@fedhub/shared/tokens'
import type { FastifyInstance } from 'fastify'
import { ERROR_SCHEMA } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'

const NO_BLOB_STORE =
  'The large result store is not set to blob storage, result streaming is not available.'
const NO_VPN = 'This server does not support VPN'

const all: readonly ClientType[] = ['user', 'node', 'container']

/**
 * Large-result store and VPN: fedhub has neither configured yet, so their endpoints say so with
 * 501 (as upstream does without them) and clients fall back to inline results and no VPN. The
 * algorithm addresses need no VPN server and live with the ports.
 */
export function registerUnconfiguredRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  const api = deps.apiPath
  app.get(
    `${api}/blobstream/status`,
    {
      config: { identities: all },
      schema: {
        tags: ['Blobstream'],
        summary: 'Whether a large-result store is configured',
        description: 'Always `false` for now: inputs and results travel inline.',
        security: [{ bearerAuth: [] }],
        response: {
          200: {
            type: 'object',
            properties: { blob_store_enabled: { type: 'boolean' } },
            required: ['blob_store_enabled'],
          },
          ...ERRORS,
        },
      },
    },
    async () => ({ blob_store_enabled: false }),
  )
  const unavailable = (
    method: 'GET' | 'POST',
    path: string,
    identities: readonly ClientType[],
    msg: string,
    tag: string,
  ) =>
    app.route({
      method,
      url: `${api}${path}`,
      config: { identities },
      schema: {
        tags: [tag],
        summary: `Not available (${msg})`,
        security: [{ bearerAuth: [] }],
        response: { 501: { description: 'Not configured', ...ERROR_SCHEMA }, ...ERRORS },
      },
      handler: async (_request, reply) => reply.status(501).send({ msg }),
    })
  unavailable('POST', '/blobstream', all, NO_BLOB_STORE, 'Blobstream')
  unavailable('GET', '/blobstream/:id', all, NO_BLOB_STORE, 'Blobstream')
  unavailable('GET', '/vpn', ['node'], NO_VPN, 'VPN')
  unavailable('POST', '/vpn/update', ['node'], NO_VPN, 'VPN')
}
