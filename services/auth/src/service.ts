import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'

/**
 * auth: issues tokens for users, nodes and algorithm containers; lockout, two-factor login and recovery. Its endpoints arrive with the auth issue; until then it answers only the process routes.
 */
export async function createAuth(_context: ServiceContext): Promise<ServiceModule> {
  return { name: 'auth' }
}
