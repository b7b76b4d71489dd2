import type { ServiceContext } from '@fedhub/shared/runtime'
import { buildServiceApp } from '@fedhub/shared/runtime'
import type { FastifyInstance } from 'fastify'
import { createCoreApi } from './service.ts'

/** Builds core-api as its own unstarted instance (it serves `/apidocs` in a deployment). */
export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const module = await createCoreApi(context)
  return buildServiceApp(context, [module], { serveApiDocs: true, service: 'core-api' })
}
