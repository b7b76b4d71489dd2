import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Study } from '@fedhub/shared/entities'
import type { OperationName } from '@fedhub/shared/permissions'
import { notFound } from '../accounts/account-errors.ts'
import { STUDY_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'

/** Loads a study with its member organizations, or answers 404. */
export async function findStudy(em: FedhubEntityManager, id: number): Promise<Study> {
  const study = await em.findOne(Study, id, { populate: ['organizations'] })
  if (study === null) throw notFound('study.not_found', `Study id=${id} not found!`)
  return study
}

/** Global; collaboration scope in the study's collaboration; organization scope as a member. */
export function mayOnStudy(caller: Caller, operation: OperationName, study: Study): boolean {
  const guard = STUDY_RULES.for(caller)
  if (guard.has('GLOBAL', operation)) return true
  const collaborationId = study.collaboration?.id
  if (
    guard.has('COLLABORATION', operation) &&
    collaborationId !== undefined &&
    caller.collaborationIds.has(collaborationId)
  ) {
    return true
  }
  return (
    guard.has('ORGANIZATION', operation) &&
    study.organizations.getItems().some((org) => org.id === caller.organizationId)
  )
}
