import type { ServiceContext } from '@fedhub/shared/runtime'
import { buildServiceApp } from '@fedhub/shared/runtime'
import type { FastifyInstance } from 'fastify'
import { createMailer } from './service.ts'

/** Builds mailer as its own unstarted instance. */
export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const module = await createMailer(context)
  return buildServiceApp(context, [module], { serveApiDocs: false, service: 'mailer' })
}
