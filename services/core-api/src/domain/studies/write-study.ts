import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Collaboration, Organization, Study } from '@fedhub/shared/entities'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { assertName } from '../accounts/names.ts'
import { memberIds } from '../collaborations/members.ts'
import { STUDY_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { deleteTaskTrees } from '../tasks/task-tree.ts'
import { findStudy, mayOnStudy } from './study-access.ts'

export interface StudyInput {
  name?: string
  collaboration_id?: number
  organization_ids?: number[]
}

const nameTaken = (name: string) =>
  badRequest('study.name_taken', `Study with name '${name}' already exists!`)

async function assertMembers(em: FedhubEntityManager, collaborationId: number, ids: number[]) {
  const members = await memberIds(em, collaborationId)
  if (!ids.every((id) => members.has(id))) {
    throw badRequest('study.not_members', 'Not all organizations are part of the collaboration!')
  }
}

/** `POST /study`. An unknown collaboration is a 404 (upstream: 500). */
export async function createStudy(
  em: FedhubEntityManager,
  caller: Caller,
  input: Required<StudyInput>,
): Promise<Study> {
  assertName('name', input.name)
  if ((await em.count(Study, { name: input.name })) > 0) throw nameTaken(input.name)
  if (!STUDY_RULES.for(caller).canForCol('CREATE', input.collaboration_id)) throw denied()
  if ((await em.count(Collaboration, input.collaboration_id)) === 0) {
    throw notFound(
      'collaboration.not_found',
      `Collaboration id=${input.collaboration_id} not found!`,
    )
  }
  await assertMembers(em, input.collaboration_id, input.organization_ids)
  const study = em.create(Study, {
    name: input.name,
    collaboration: input.collaboration_id,
    organizations: input.organization_ids.map((id) => em.getReference(Organization, id)),
  })
  await em.flush()
  return findStudy(em.fork(), study.id)
}

/** `PATCH /study/<id>`: name and members (members of the collaboration only). */
export async function updateStudy(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  input: StudyInput,
): Promise<Study> {
  const study = await findStudy(em, id)
  if (!mayOnStudy(caller, 'EDIT', study)) throw denied()
  assertName('name', input.name)
  if (input.name !== undefined && input.name !== study.name) {
    if ((await em.count(Study, { name: input.name, id: { $ne: id } })) > 0) {
      throw nameTaken(input.name)
    }
    study.name = input.name
  }
  if (input.organization_ids !== undefined) {
    await assertMembers(em, study.collaboration?.id ?? -1, input.organization_ids)
    study.organizations.set(input.organization_ids.map((o) => em.getReference(Organization, o)))
  }
  await em.flush()
  return findStudy(em.fork(), id)
}

/** `DELETE /study/<id>`: its tasks go too (with their runs) when dependents may be deleted. */
export async function deleteStudy(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  deleteDependents: boolean,
): Promise<void> {
  const study = await findStudy(em, id)
  if (!mayOnStudy(caller, 'DELETE', study)) throw denied()
  const rows = (await em.execute('select id from task where study_id = ?', [id])) as Array<{
    id: number
  }>
  if (rows.length > 0 && !deleteDependents) {
    throw badRequest(
      'study.has_dependents',
      `Study id=${id} has ${rows.length} tasks. Please delete them separately or set delete_dependents=True`,
    )
  }
  await em.transactional(async (tx) => {
    await deleteTaskTrees(
      tx,
      rows.map((row) => Number(row.id)),
    )
    await tx.execute('delete from study where id = ?', [id])
  })
}
