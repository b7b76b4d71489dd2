/** A run as the node lists it with `include=task`: the fields the official node relies on. */
export interface OpenRun {
  id: number
  input: string | null
  blob_storage_used: boolean | null
  task: {
    id: number
    name?: string
    image: string
    job_id?: number
    databases?: Array<{ label: string; parameters?: string }>
    parent?: { id: number } | null
    init_org?: { id: number } | null
  }
}

/** Run statuses a node reports (the server's full list is longer). */
export type RunStatus =
  | 'active'
  | 'completed'
  | 'crashed'
  | 'failed'
  | 'killed by user'
  | 'non-existing Docker image'

/** Who this node is, as the server told it at start-up. */
export interface NodeIdentity {
  id: number
  name: string
  organizationId: number
  collaborationId: number
}

/**
 * A timestamp as the official node sends it: ISO-8601 UTC with microseconds and `+00:00`,
 * the one form upstream servers parse.
 */
export function nodeTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00')
}
