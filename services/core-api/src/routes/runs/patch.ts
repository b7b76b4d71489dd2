import type { FastifyInstance } from 'fastify'
import { patchRun, type RunPatch } from '../../domain/runs/patch-run.ts'
import { presentRuns } from '../../domain/runs/present-runs.ts'
import { ERRORS } from '../error-responses.ts'
import type { FederatedDeps } from '../federated-deps.ts'
import { ID_PARAMS } from '../users/user-schemas.ts'
import { RUN_PATCH, RUN_SCHEMA } from './run-schemas.ts'

export function registerPatchRun(app: FastifyInstance, deps: FederatedDeps): void {
  app.patch<{ Params: { id: number }; Body: RunPatch }>(
    `${deps.apiPath}/run/:id`,
    {
      config: { identities: ['node'] },
      schema: {
        tags: ['Run'],
        summary: 'Update a run',
        description:
          'Only the node of the run’s organization in the task’s collaboration, while the run has not finished. Fields left out keep their stored value; timestamps are any ISO-8601 (no zone means UTC). A failure status fails the sibling runs no node has started.\n\nGated by: node identity (no rule)',
        security: [{ bearerAuth: [] }],
        params: ID_PARAMS,
        body: RUN_PATCH,
        response: { 200: RUN_SCHEMA, ...ERRORS, 409: ERRORS[400] },
      },
    },
    async (request) => {
      const run = await patchRun(
        request.em,
        request.caller,
        request.params.id,
        request.body ?? {},
        deps.announcedStatuses,
      )
      const [view] = await presentRuns(request.em, [run], deps.links, false)
      return view
    },
  )
}
