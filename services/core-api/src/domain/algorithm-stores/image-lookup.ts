import type { AlgorithmStore } from '@fedhub/shared/entities'
import { badRequest } from '../accounts/account-errors.ts'
import { callStore, type StoreClient, serverUrlOf } from './store-calls.ts'

/**
 * The image a task from a store runs: `<image>@<digest>` as the store lists it, so nodes run
 * exactly the reviewed build. Without a digest the plain image is used and the task is not
 * linked to the store (`store` null), as upstream does.
 */
export async function imageFromStore(
  client: StoreClient,
  store: AlgorithmStore,
  image: string,
  givenServerUrl: string | undefined,
): Promise<{ image: string; store: AlgorithmStore | null }> {
  const serverUrl = serverUrlOf(client, givenServerUrl)
  const query = new URLSearchParams({ image }).toString()
  const answer = await callStore(client, 'GET', `${store.url}/algorithm?${query}`, {
    server_url: serverUrl,
  })
  if (answer.status !== 200) {
    const msg = typeof answer.json.msg === 'string' ? answer.json.msg : ''
    throw badRequest('task.store_lookup', `Could not retrieve algorithm from store! ${msg}`.trim())
  }
  const data = answer.json.data
  const algorithm = Array.isArray(data)
    ? (data[0] as Record<string, unknown> | undefined)
    : undefined
  if (algorithm === undefined || typeof algorithm.image !== 'string') {
    throw badRequest('task.store_lookup', 'Algorithm not found in store!')
  }
  const digest =
    typeof algorithm.digest === 'string' && algorithm.digest !== '' ? algorithm.digest : null
  return digest === null
    ? { image: algorithm.image, store: null }
    : { image: `${algorithm.image}@${digest}`, store }
}
