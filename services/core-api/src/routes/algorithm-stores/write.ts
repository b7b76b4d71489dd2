import type { FastifyInstance } from 'fastify'
import { registerStore, type StoreInput } from '../../domain/algorithm-stores/register-store.ts'
import { toStoreView } from '../../domain/algorithm-stores/store-view.ts'
import { unregisterStore } from '../../domain/algorithm-stores/unregister-store.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { ID_OR_DIGITS, MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { STORE_SCHEMA } from './store-schema.ts'

const meta = (summary: string, detail: string) => ({
  tags: ['Algorithm store'],
  summary,
  description: describe(detail, COLLABORATION_RULES.describe('EDIT')),
  security: [{ bearerAuth: [] }],
})

/** Linking and unlinking stores; both call the store with the caller's token. */
export function registerStoreWrites(app: FastifyInstance, deps: FederatedDeps): void {
  const client = deps.stores
  const path = `${deps.apiPath}/algorithmstore`
  app.post<{ Body: StoreInput }>(
    path,
    {
      config: { identities: ['user'] },
      schema: {
        ...meta(
          'Link an algorithm store',
          'Asks the store to whitelist this server, then links it to one collaboration (or all, which needs GLOBAL edit). `collaboration_id` may be a one-element list, as the 4.x client sends it, or text (`"5"`), as the 4.x UI sends it.',
        ),
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1 },
            algorithm_store_url: { type: 'string', format: 'uri' },
            server_url: { type: 'string', format: 'uri' },
            collaboration_id: {
              anyOf: [ID_OR_DIGITS, { type: 'array', items: ID_OR_DIGITS, maxItems: 1 }],
            },
            force: { type: 'boolean' },
          },
          required: ['name', 'algorithm_store_url'],
          additionalProperties: false,
        },
        response: { 201: STORE_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const store = await registerStore(
        request.em,
        request.caller,
        request.body,
        request.headers.authorization ?? '',
        client,
      )
      return reply.status(201).send(toStoreView(store, deps.links))
    },
  )
  app.delete<{ Params: { id: number }; Querystring: { server_url?: string } }>(
    `${path}/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        ...meta(
          'Unlink an algorithm store',
          'Removes the whitelisting at the store and every link with the store’s URL.',
        ),
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          properties: { server_url: { type: 'string', format: 'uri' } },
        },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      await unregisterStore(
        request.em,
        request.caller,
        id,
        request.query.server_url,
        request.headers.authorization ?? '',
        client,
      )
      return { msg: `Algorithm store id=${id} successfully deleted` }
    },
  )
}
