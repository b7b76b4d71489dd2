import type { FastifyInstance } from 'fastify'
import { denied } from '../../domain/accounts/account-errors.ts'
import { STUDY_RULES } from '../../domain/federated/rules.ts'
import { ID, listSchema, PAGE_QUERY, parseInclude } from '../../domain/list-kit/index.ts'
import { listStudies, type StudyFilters } from '../../domain/studies/list-studies.ts'
import { findStudy, mayOnStudy } from '../../domain/studies/study-access.ts'
import { STUDY_SORT_COLUMNS, toStudyView } from '../../domain/studies/study-view.ts'
import { INCLUDE_QUERY } from '../collaborations/collaboration-schemas.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { describe, type PageQuery, pageRequest, sendPage } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { STUDY_SCHEMA } from './study-schemas.ts'

type Include = { include?: string | string[] }

/** `GET /study` and `GET /study/<id>`. */
export function registerReadStudies(app: FastifyInstance, deps: FederatedDeps): void {
  app.get<{ Querystring: StudyFilters & PageQuery & Include }>(
    `${deps.apiPath}/study`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Study'],
        summary: 'List studies',
        description: describe(
          'Studies the caller may view; containers see those of their collaboration.',
          STUDY_RULES.describe('VIEW'),
        ),
        security: [{ bearerAuth: [] }],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            organization_id: ID,
            collaboration_id: ID,
            ...INCLUDE_QUERY,
            ...PAGE_QUERY,
          },
        },
        response: { 200: listSchema(STUDY_SCHEMA), ...ERRORS },
      },
    },
    async (request, reply) => {
      const { page, per_page, sort, include, ...filters } = request.query
      const result = await listStudies(
        request.em,
        request.caller,
        filters,
        pageRequest({ page, per_page, sort }, 'Study', STUDY_SORT_COLUMNS),
      )
      const nest = parseInclude(include, ['organizations']).has('organizations')
      if (nest) await request.em.populate(result.rows, ['organizations'])
      return sendPage(request, reply, result, (study) =>
        toStudyView(study, deps.links, nest ? study.organizations.getItems() : undefined),
      )
    },
  )
  app.get<{ Params: { id: number }; Querystring: Include }>(
    `${deps.apiPath}/study/:id`,
    {
      config: { identities: ['user', 'node', 'container'] },
      schema: {
        tags: ['Study'],
        summary: 'Get a study',
        description: describe('One study.', STUDY_RULES.describe('VIEW')),
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        querystring: { type: 'object', properties: INCLUDE_QUERY },
        response: { 200: STUDY_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const study = await findStudy(request.em, request.params.id)
      if (!mayOnStudy(request.caller, 'VIEW', study)) throw denied()
      const nest = parseInclude(request.query.include, ['organizations']).has('organizations')
      return toStudyView(study, deps.links, nest ? study.organizations.getItems() : undefined)
    },
  )
}
