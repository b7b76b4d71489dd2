import type { FastifyInstance } from 'fastify'
import { toOrganizationView } from '../../domain/accounts/organizations/organization-view.ts'
import {
  addNode,
  addOrganization,
  removeNode,
  removeOrganization,
} from '../../domain/collaborations/membership.ts'
import { COLLABORATION_RULES } from '../../domain/federated/rules.ts'
import { MESSAGE_SCHEMA } from '../../domain/list-kit/index.ts'
import { toSimpleNodeView } from '../../domain/nodes/node-view.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { SIMPLE_NODE_SCHEMA } from '../nodes/node-schemas.ts'
import { ORGANIZATION_SCHEMA } from '../organizations/organization-schemas.ts'
import { describe } from '../route-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { MEMBER_BODY } from './collaboration-schemas.ts'

type Member = { Params: { id: number }; Body: { id: number } }

const base = (summary: string, detail: string, ok: object, status = 200) => ({
  config: { identities: ['user'] as const },
  schema: {
    tags: ['Collaboration'],
    summary,
    description: describe(detail, COLLABORATION_RULES.describe('EDIT')),
    security: [{ bearerAuth: [] }],
    params: ID_PARAMS,
    body: MEMBER_BODY,
    response: { [status]: ok, ...ERRORS },
  },
})

const organizations = { type: 'array', items: ORGANIZATION_SCHEMA }

/** Organization and node membership of a collaboration. */
export function registerCollaborationMembership(app: FastifyInstance, deps: FederatedDeps): void {
  const path = `${deps.apiPath}/collaboration/:id`
  app.post<Member>(
    `${path}/organization`,
    base(
      'Add an organization',
      'Answers every member organization; adding a member again changes nothing.',
      organizations,
    ),
    async (request) =>
      (await addOrganization(request.em, request.caller, request.params.id, request.body.id)).map(
        (org) => toOrganizationView(org, deps.links),
      ),
  )
  app.delete<Member>(
    `${path}/organization`,
    base(
      'Remove an organization',
      'Its nodes and studies stay; a non-member is a 400.',
      organizations,
    ),
    async (request) =>
      (
        await removeOrganization(request.em, request.caller, request.params.id, request.body.id)
      ).map((org) => toOrganizationView(org, deps.links)),
  )
  app.post<Member>(
    `${path}/node`,
    base(
      'Add a node',
      'Answers 201 with the nodes of the collaboration. A node serving another collaboration is a 400.',
      { type: 'array', items: SIMPLE_NODE_SCHEMA },
      201,
    ),
    async (request, reply) => {
      const nodes = await addNode(request.em, request.caller, request.params.id, request.body.id)
      return reply.status(201).send(nodes.map((node) => toSimpleNodeView(node, deps.links)))
    },
  )
  app.delete<Member>(
    `${path}/node`,
    base('Remove a node', 'The node is kept, without a collaboration.', MESSAGE_SCHEMA),
    async (request) => {
      const { id } = request.params
      await removeNode(request.em, request.caller, id, request.body.id)
      return { msg: `node id=${request.body.id} removed from collaboration id=${id}` }
    },
  )
}
