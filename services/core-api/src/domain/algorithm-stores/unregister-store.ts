import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmStore } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import { COLLABORATION_RULES } from '../federated/rules.ts'
import type { Caller } from '../permissions/index.ts'
import { callStore, type StoreClient, serverUrlOf, storeError } from './store-calls.ts'

/**
 * `DELETE /algorithmstore/<id>`: removes this server's whitelisting at the store (nothing to
 * remove when the store answers 403), then every link with the store's URL.
 */
export async function unregisterStore(
  em: FedhubEntityManager,
  caller: Caller,
  id: number,
  givenServerUrl: string | undefined,
  authorization: string,
  client: StoreClient,
): Promise<void> {
  const store = await em.findOne(AlgorithmStore, id)
  if (store === null)
    throw notFound('algorithm_store.not_found', `Algorithm store id=${id} not found`)
  const guard = COLLABORATION_RULES.for(caller)
  const collaborationId = store.collaboration?.id
  const mayEdit =
    collaborationId === undefined
      ? guard.has('GLOBAL', 'EDIT')
      : guard.canForCol('EDIT', collaborationId)
  if (!mayEdit) throw denied()
  const url = store.url ?? ''
  const sameUrl = await em.count(AlgorithmStore, { url, id: { $ne: id } })
  if (sameUrl > 0 && !guard.has('GLOBAL', 'EDIT')) {
    throw denied(
      'Other collaborations use this algorithm store too; only a global editor can remove it',
    )
  }
  const serverUrl = serverUrlOf(client, givenServerUrl)
  const headers = { server_url: serverUrl, authorization }
  const listed = await callStore(client, 'GET', `${url}/vantage6-server`, headers)
  if (listed.status !== 403) {
    if (listed.status !== 200) throw storeError(listed.status, listed.json)
    const entries = Array.isArray(listed.json) ? (listed.json as Array<{ id?: unknown }>) : []
    for (const entry of entries) {
      const removed = await callStore(
        client,
        'DELETE',
        `${url}/vantage6-server/${String(entry.id)}`,
        headers,
      )
      if (removed.status !== 200) throw storeError(removed.status, removed.json)
    }
  }
  await em.transactional(async (tx) => {
    await tx.execute(
      'update task set algorithm_store_id = null where algorithm_store_id in (select id from algorithmstore where url = ?)',
      [url],
    )
    await tx.nativeDelete(AlgorithmStore, { url })
  })
}
