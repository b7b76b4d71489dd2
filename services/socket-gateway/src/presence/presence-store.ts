/** A user or node, as presence keys name it: `node:7`, `user:3`. */
export type IdentityKey = `${'node' | 'user'}:${number}`

/** What the sweeper needs to announce an identity offline without asking anyone. */
export interface PresenceInfo {
  type: 'node' | 'user'
  id: number
  name: string
  organizationId: number | null
  rooms: string[]
}

/**
 * Live connections per identity, shared by every gateway replica. Each connection entry carries
 * an expiry that heartbeats push back, so entries of a replica that died run out by themselves.
 * `now` is passed in so tests and every replica agree on one clock source per call.
 */
export interface PresenceStore {
  /** Adds a connection; answers whether the identity had no live connection before. */
  add(info: PresenceInfo, connectionId: string, now: number, ttlMs: number): Promise<boolean>
  /** Pushes a live connection's expiry back; a connection already swept stays gone. */
  refresh(key: IdentityKey, connectionId: string, now: number, ttlMs: number): Promise<void>
  /** Removes a connection; answers whether it was the identity's last live one. */
  remove(key: IdentityKey, connectionId: string, now: number): Promise<boolean>
  /** Drops expired connections everywhere; answers the identities left with none. */
  sweep(now: number): Promise<PresenceInfo[]>
  close(): Promise<void>
}

export const identityKey = (type: 'node' | 'user', id: number): IdentityKey => `${type}:${id}`
