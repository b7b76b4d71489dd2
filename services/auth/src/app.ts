import type { ServiceContext } from '@fedhub/shared/runtime'
import { buildServiceApp } from '@fedhub/shared/runtime'
import type { FastifyInstance } from 'fastify'
import { createAuth } from './service.ts'

/** Builds auth as its own unstarted instance. */
export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const module = await createAuth(context)
  return buildServiceApp(context, [module], { serveApiDocs: false, service: 'auth' })
}
