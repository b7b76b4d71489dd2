import type { ServiceContext } from '@fedhub/shared/runtime'
import { buildServiceApp } from '@fedhub/shared/runtime'
import type { FastifyInstance } from 'fastify'
import { createSocketGateway } from './service.ts'

/** Builds the gateway as its own unstarted instance. */
export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const module = await createSocketGateway(context)
  return buildServiceApp(context, [module], { serveApiDocs: false, service: 'socket-gateway' })
}
