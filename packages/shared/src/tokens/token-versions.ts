import { raw } from '@mikro-orm/core'
import type { FedhubEntityManager, FedhubOrm } from '../data/index.ts'
import { Authenticatable } from '../entities/index.ts'
import { RPC } from '../events/index.ts'
import type { EventBus, KeyValueStore } from '../transports/index.ts'

// Short enough that a missed cache update heals quickly; long enough to spare the database.
const CACHE_MS = 5 * 60_000
const MISSING = 'missing'
const keyOf = (id: number) => `auth:token-version:${id}`

export interface TokenVersions {
  /** The identity's token version, or undefined when the identity no longer exists. */
  current(id: number): Promise<number | undefined>
  /**
   * The version as the database holds it, for issuing tokens: a cache left over from another
   * database behind the same store must never stamp new tokens with a wrong version.
   */
  stored(id: number): Promise<number | undefined>
  /** Raises the version inside the caller's transaction; answers the new one. */
  bump(em: FedhubEntityManager, id: number): Promise<number>
  /** After the transaction committed: tells caches and listeners about the new version. */
  announce(id: number, version: number): Promise<void>
}

/**
 * Token versions read through a cache in the shared store. Fillers write only when the key is
 * absent and bumps overwrite, so a filler that read the database just before a bump cannot put
 * the old version back over the new one.
 */
export function createTokenVersions(
  orm: () => Promise<FedhubOrm>,
  kv: KeyValueStore,
  bus: EventBus,
): TokenVersions {
  return {
    async current(id) {
      const cached = await kv.get(keyOf(id))
      if (cached !== undefined) return cached === MISSING ? undefined : Number(cached)
      const em = (await orm()).em.fork()
      const row = await em.findOne(Authenticatable, { id }, { fields: ['tokenVersion'] })
      const version = row === null ? undefined : row.tokenVersion
      await kv.set(keyOf(id), version === undefined ? MISSING : String(version), {
        ttlMs: CACHE_MS,
        onlyIfAbsent: true,
      })
      return version
    },
    async stored(id) {
      const em = (await orm()).em.fork()
      const row = await em.findOne(Authenticatable, { id }, { fields: ['tokenVersion'] })
      return row === null ? undefined : row.tokenVersion
    },
    async bump(em, id) {
      await em
        .createQueryBuilder(Authenticatable)
        .update({ tokenVersion: raw('token_version + 1') })
        .where({ id })
        .execute('run')
      const rows = await em
        .createQueryBuilder(Authenticatable)
        .select(['tokenVersion'])
        .where({ id })
        .execute('all', false)
      const row = rows[0] as { tokenVersion?: number; token_version?: number } | undefined
      return Number(row?.tokenVersion ?? row?.token_version ?? 0)
    },
    async announce(id, version) {
      await kv.set(keyOf(id), String(version), { ttlMs: CACHE_MS })
      await bus.broadcast(RPC.tokenVersionBumped, { id, version })
    },
  }
}
