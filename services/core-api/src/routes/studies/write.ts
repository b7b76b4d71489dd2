import type { FastifyInstance } from 'fastify'
import { toOrganizationView } from '../../domain/accounts/organizations/organization-view.ts'
import { STUDY_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA, parseFlag } from '../../domain/list-kit/index.ts'
import { changeStudyMember } from '../../domain/studies/study-members.ts'
import { toStudyView } from '../../domain/studies/study-view.ts'
import {
  createStudy,
  deleteStudy,
  type StudyInput,
  updateStudy,
} from '../../domain/studies/write-study.ts'
import { MEMBER_BODY } from '../collaborations/collaboration-schemas.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { ORGANIZATION_SCHEMA } from '../organizations/organization-schemas.ts'
import { describe } from '../route-deps.ts'
import { FLAG, ID_PARAMS } from '../users/user-schemas.ts'
import { STUDY_INPUT_PROPERTIES, STUDY_SCHEMA } from './study-schemas.ts'

const meta = (summary: string, detail: string, operation: 'CREATE' | 'EDIT' | 'DELETE') => ({
  tags: ['Study'],
  summary,
  description: describe(detail, STUDY_RULES.describe(operation)),
  security: [{ bearerAuth: [] }],
})

const user = { identities: ['user'] as const }

/** Study writes: create, edit, delete and membership. */
export function registerWriteStudies(app: FastifyInstance, deps: FederatedDeps): void {
  const path = `${deps.apiPath}/study`
  const body = (required: string[]) => ({
    type: 'object',
    properties: STUDY_INPUT_PROPERTIES,
    required,
    additionalProperties: false,
  })
  app.post<{ Body: Required<StudyInput> }>(
    path,
    {
      config: user,
      schema: {
        ...meta('Create a study', 'Organizations must be members of the collaboration.', 'CREATE'),
        body: body(['name', 'collaboration_id', 'organization_ids']),
        response: { 201: STUDY_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const study = await createStudy(request.em, request.caller, request.body)
      return reply.status(201).send(toStudyView(study, deps.links, study.organizations.getItems()))
    },
  )
  app.patch<{ Params: { id: number }; Body: StudyInput }>(
    `${path}/:id`,
    {
      config: user,
      schema: {
        ...meta('Edit a study', 'Name and member organizations.', 'EDIT'),
        params: ID_PARAMS,
        body: body([]),
        response: { 200: STUDY_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { collaboration_id: _ignored, ...input } = request.body ?? {}
      const study = await updateStudy(request.em, request.caller, request.params.id, input)
      return toStudyView(study, deps.links, study.organizations.getItems())
    },
  )
  app.delete<{ Params: { id: number }; Querystring: { delete_dependents?: string } }>(
    `${path}/:id`,
    {
      config: user,
      schema: {
        ...meta(
          'Delete a study',
          'Its tasks (with their runs) block it unless `delete_dependents=true`.',
          'DELETE',
        ),
        params: ID_PARAMS,
        querystring: { type: 'object', properties: { delete_dependents: FLAG } },
        response: { 200: MESSAGE_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params
      await deleteStudy(request.em, request.caller, id, parseFlag(request.query.delete_dependents))
      return { msg: `Study id=${id} successfully deleted` }
    },
  )
  for (const [method, add] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route<{ Params: { id: number }; Body: { id: number } }>({
      method,
      url: `${path}/:id/organization`,
      config: user,
      schema: {
        ...meta(
          add ? 'Add an organization to a study' : 'Remove an organization from a study',
          'Answers the study’s organizations.',
          'EDIT',
        ),
        params: ID_PARAMS,
        body: MEMBER_BODY,
        response: { 200: { type: 'array', items: ORGANIZATION_SCHEMA }, ...ERRORS },
      },
      handler: async (request) =>
        (
          await changeStudyMember(
            request.em,
            request.caller,
            request.params.id,
            request.body.id,
            add,
          )
        ).map((org) => toOrganizationView(org, deps.links)),
    })
  }
}
