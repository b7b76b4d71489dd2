import type { FastifyInstance } from 'fastify'
import {
  getStore,
  listStores,
  type StoreFilters,
  updateStore,
} from '../../domain/algorithm-stores/store-links.ts'
import { STORE_SORT_COLUMNS, toStoreView } from '../../domain/algorithm-stores/store-view.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { ID, listSchema, PAGE_QUERY } from '../../domain/list-kit/index.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { STORE_SCHEMA } from './store-schema.ts'
import { registerStoreWrites } from './write.ts'

const meta = (summary: string, detail: string, operation: 'VIEW' | 'EDIT') => ({
  tags: ['Algorithm store'],
  summary,
  description: describe(detail, COLLABORATION_RULES.describe(operation)),
  security: [{ bearerAuth: [] }],
})

/**
 * Links to algorithm stores, checked with the collaboration rules.
 */
export function registerAlgorithmStoreRoutes(app: FastifyInstance, deps: FederatedDeps): void {
  registerStoreWrites(app, deps)
  const path = `${deps.apiPath}/algorithmstore`
  app.get<{ Querystring: StoreFilters & PageQuery }>(
    path,
    {
      config: { identities: ['user'] },
      schema: {
        ...meta(
          'List algorithm stores',
          'Stores available to all collaborations and those bound to the caller’s.',
          'VIEW',
        ),
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            url: { type: 'string' },
            collaboration_id: ID,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(STORE_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, ...filters } = request.query
      const result = await listStores(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'AlgorithmStore', STORE_SORT_COLUMNS),
      )
      return sendPage(request, reply, result, (store) => toStoreView(store, deps.links))
    },
  )
  app.get<{ Params: { id: number } }>(
    `${path}/:id`,
    {
      config: { identities: ['user', 'node'] },
      schema: {
        ...meta('Get an algorithm store', 'Nodes read `url` to apply their store policy.', 'VIEW'),
        params: ID_PARAMS,
        response: { 200: STORE_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toStoreView(await getStore(request.em, request.caller, request.params.id), deps.links),
  )
  app.patch<{ Params: { id: number }; Body: { name?: string; collaboration_id?: number } }>(
    `${path}/:id`,
    {
      config: { identities: ['user'] },
      schema: {
        ...meta(
          'Edit an algorithm store link',
          'Name and collaboration; edit rights on the current and the new collaboration.',
          'EDIT',
        ),
        params: ID_PARAMS,
        body: {
          type: 'object',
          properties: { name: { type: 'string' }, collaboration_id: ID },
          additionalProperties: false,
        },
        response: { 200: STORE_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      toStoreView(
        await updateStore(request.em, request.caller, request.params.id, request.body ?? {}),
        deps.links,
      ),
  )
}
