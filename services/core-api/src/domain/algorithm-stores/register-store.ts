import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmStore, Collaboration } from '@fedhub/shared/entities'
import { badRequest, denied, notFound } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import { idOf } from '../list-kit/index.ts'
import type { Caller } from '../permissions/index.ts'
import { callStore, type StoreClient, serverUrlOf, storeError } from './store-calls.ts'

export interface StoreInput {
  name: string
  algorithm_store_url: string
  server_url?: string
  collaboration_id?: number | string | Array<number | string>
  force?: boolean
}

/**
 * The 4.x client wraps the id in a one-element list and the 4.x UI sends it as text; every
 * form is read.
 */
function collaborationOf(value: StoreInput['collaboration_id']): number | undefined {
  if (!Array.isArray(value)) return value === undefined ? undefined : idOf(value)
  if (value.length > 1) {
    throw badRequest('algorithm_store.collaborations', 'Give one collaboration id, or none for all')
  }
  const [first] = value
  return first === undefined ? undefined : idOf(first)
}

/**
 * `POST /algorithmstore`: asks the store to whitelist this server (forwarding the caller's
 * token, as the store checks the user with this server), then records the link.
 */
export async function registerStore(
  em: FedhubEntityManager,
  caller: Caller,
  input: StoreInput,
  authorization: string,
  client: StoreClient,
): Promise<AlgorithmStore> {
  const collaborationId = collaborationOf(input.collaboration_id)
  if (collaborationId !== undefined && (await em.count(Collaboration, collaborationId)) === 0) {
    throw notFound('collaboration.not_found', `Collaboration id=${collaborationId} not found`)
  }
  const guard = COLLABORATION_RULES.for(caller)
  const allowed =
    collaborationId === undefined
      ? guard.has('GLOBAL', 'EDIT')
      : guard.canForCol('EDIT', collaborationId)
  if (!allowed) throw denied()
  const url = input.algorithm_store_url.replace(/\/+$/, '')
  const existing = await em.find(AlgorithmStore, { url })
  if (existing.some((s) => s.collaboration === null || s.collaboration === undefined)) {
    throw badRequest(
      'algorithm_store.global',
      `Algorithm store ${url} is already available for all collaborations`,
    )
  }
  if (existing.some((s) => s.collaboration?.id === collaborationId)) {
    throw badRequest(
      'algorithm_store.exists',
      `Algorithm store ${url} is already available for this collaboration`,
    )
  }
  if (/localhost|127\.0\.0\.1/.test(url) && input.force !== true) {
    throw badRequest(
      'algorithm_store.localhost',
      'Algorithm store URL points to localhost; set force to register it anyway',
    )
  }
  const serverUrl = serverUrlOf(client, input.server_url)
  const headers = { server_url: serverUrl, authorization }
  const answer = await callStore(client, 'POST', `${url}/vantage6-server`, headers, {
    url: serverUrl,
    ...(input.force === true ? { force: true } : {}),
  })
  if (answer.status === 403) {
    // A store that lets anyone view its algorithms can be linked read-only.
    const policy = await callStore(client, 'GET', `${url}/policy/public`, headers)
    if (policy.json.algorithm_view !== 'public') throw storeError(answer.status, answer.json)
  } else if (answer.status !== 201 && answer.status !== 208) {
    throw storeError(answer.status, answer.json)
  }
  return em.transactional(async (tx) => {
    if (collaborationId === undefined) await tx.nativeDelete(AlgorithmStore, { url })
    const store = tx.create(AlgorithmStore, {
      name: input.name,
      url,
      collaboration: collaborationId ?? null,
    })
    await tx.flush()
    return store
  })
}
