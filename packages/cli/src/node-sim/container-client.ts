import { setTimeout as delay } from 'node:timers/promises'
import { type ApiEndpoint, ApiError, apiUrl, collectPages, type Page, sendJson } from './http.ts'
import { decodeClaims } from './jwt-claims.ts'
import { decodePayload, encodePayload } from './payload-encoding.ts'
import type { NodeTimings } from './timings.ts'

/** The object `sub` of a container token, as auth issues it. */
interface ContainerSubject {
  collaboration_id: number
  organization_id: number
  task_id: number
  image: string
  databases?: Array<{ label?: string | null }>
}

const FINISHED_OK = 'completed'
const STILL_RUNNING = new Set(['pending', 'initializing', 'active'])

/**
 * What an algorithm container does with its container token through the node's proxy, here
 * straight to the server: list the collaboration's organizations, create a sub-task of its
 * own task, wait for it and read its results. Inputs and results are plain base64 JSON
 * (simulated nodes take part in unencrypted collaborations only). Unlike the node's own
 * client it never refreshes: container tokens do not expire.
 */
export class ContainerClient {
  private readonly subject: ContainerSubject

  constructor(
    private readonly endpoint: ApiEndpoint,
    private readonly token: string,
    private readonly timings: NodeTimings,
    private readonly signal: AbortSignal,
  ) {
    this.subject = decodeClaims(token).sub as ContainerSubject
  }

  /** Ids of the organizations taking part in the task's collaboration. */
  async organizationIds(): Promise<number[]> {
    const organizations = await collectPages((page) =>
      this.get<Page<{ id: number }>>('organization', {
        collaboration_id: this.subject.collaboration_id,
        page,
      }),
    )
    return organizations.map((organization) => organization.id)
  }

  /** Creates a sub-task of the running task, with the same image and databases. */
  async createSubtask(
    input: { method: string; kwargs: Record<string, unknown> },
    organizationIds: number[],
  ): Promise<number> {
    const databases = (this.subject.databases ?? [])
      .filter((db) => typeof db.label === 'string')
      .map((db) => ({ label: db.label }))
    const body = {
      name: `sub-task ${input.method}`,
      image: this.subject.image,
      collaboration_id: this.subject.collaboration_id,
      organizations: organizationIds.map((id) => ({ id, input: encodePayload(input) })),
      databases,
    }
    const reply = await this.send('POST', 'task', body)
    return (reply as { id: number }).id
  }

  /**
   * Waits until the sub-task finished, polling its status from the start interval growing
   * 1.5 times, then answers each run's decoded result; throws when a run did not complete.
   */
  async waitForResults(taskId: number): Promise<unknown[]> {
    let interval = this.timings.childPollStartMs
    for (;;) {
      const { status } = await this.get<{ status: string }>(`task/${taskId}/status`)
      if (status === FINISHED_OK) break
      if (!STILL_RUNNING.has(status)) throw new Error(`sub-task ${taskId} ended as '${status}'`)
      await delay(interval, undefined, { signal: this.signal })
      interval = Math.min(interval * 1.5, this.timings.childPollMaxMs)
    }
    const results = await collectPages((page) =>
      this.get<Page<{ result: string | null }>>('result', { task_id: taskId, page }),
    )
    return results.map((item) => (item.result === null ? null : decodePayload(item.result)))
  }

  private get<T>(path: string, query: Record<string, number> = {}): Promise<T> {
    return this.send('GET', path, undefined, query) as Promise<T>
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    query: Record<string, number> = {},
  ): Promise<unknown> {
    const reply = await sendJson(method, apiUrl(this.endpoint, path, query), {
      token: this.token,
      body,
      signal: this.signal,
      connectionRetryMs: this.timings.connectionRetryMs,
    })
    if (reply.status > 210) throw new ApiError(method, path, reply.status, reply.body)
    return reply.body
  }
}
