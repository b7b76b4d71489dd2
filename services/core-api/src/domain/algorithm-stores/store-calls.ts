import { AppError } from '@fedhub/shared/errors'
import { badRequest } from '../accounts/account-errors.ts'

/** How core-api reaches algorithm stores; tests give a local server. */
export interface StoreClient {
  /** This server's public URL with its API path, from the config (`server_url`). */
  serverUrl: string | undefined
  apiPath: string
  fetch: typeof fetch
}

const TIMEOUT_MS = 10_000

/** The server URL the store should whitelist: the body's, or the configured one plus API path. */
export function serverUrlOf(client: StoreClient, given: string | undefined): string {
  const configured =
    client.serverUrl === undefined
      ? undefined
      : client.serverUrl.replace(/\/+$/, '').endsWith(client.apiPath)
        ? client.serverUrl.replace(/\/+$/, '')
        : `${client.serverUrl.replace(/\/+$/, '')}${client.apiPath}`
  const url = given ?? configured
  if (url === undefined) {
    throw badRequest(
      'algorithm_store.no_server_url',
      'The server URL is unknown: send server_url or set server_url in the server configuration',
    )
  }
  return url
}

/** One call to a store; an unreachable store is a 404 that hints at the API path. */
export async function callStore(
  client: StoreClient,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  body?: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  let response: Response
  try {
    response = await client.fetch(url, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    })
  } catch (error) {
    throw new AppError(
      'algorithm_store.unreachable',
      `Algorithm store at ${url} cannot be reached; check that its URL includes the API path (e.g. /api)`,
      { status: 404, cause: error },
    )
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>
  return { status: response.status, json }
}

/** The store's own error, passed on with its status as upstream does. */
export function storeError(status: number, json: Record<string, unknown>): AppError {
  const msg = typeof json.msg === 'string' ? json.msg : 'unknown error'
  return new AppError(
    'algorithm_store.refused',
    `Algorithm store error: ${msg}, HTTP status: ${status}`,
    { status: status >= 400 && status < 600 ? status : 502 },
  )
}
