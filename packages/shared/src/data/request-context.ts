import { RequestContext } from '@mikro-orm/core'
import type { FedhubEntityManager, FedhubOrm } from './create-orm.ts'

/**
 * Runs `work` with its own EntityManager fork, which code deeper in the call chain can find
 * through {@link currentEntityManager}. Use once per request, message or job.
 *
 * @example
 * await withRequestContext(orm, (em) => em.findOne(Task, 1))
 */
export function withRequestContext<T>(
  orm: FedhubOrm,
  work: (em: FedhubEntityManager) => Promise<T>,
): Promise<T> {
  const em = orm.em.fork()
  return RequestContext.create(em, () => work(em))
}

/**
 * Enters a fresh context for the rest of the current async flow (for hooks that have no `next`
 * callback, such as fastify's `onRequest`) and answers its EntityManager.
 */
export function enterRequestContext(orm: FedhubOrm): FedhubEntityManager {
  const em = orm.em.fork()
  RequestContext.enter(em)
  return em
}

/** The EntityManager of the current context; throws outside one. */
export function currentEntityManager(): FedhubEntityManager {
  const em = RequestContext.getEntityManager()
  if (em === undefined) throw new Error('no request context: use withRequestContext()')
  return em as FedhubEntityManager
}
