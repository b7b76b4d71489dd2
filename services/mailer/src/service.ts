import type { ServiceContext, ServiceModule } from '@fedhub/shared/runtime'

/**
 * mailer: turns mail events from the bus into mails. Its consumer arrives with the mailer issue; until then it answers only the process routes.
 */
export async function createMailer(_context: ServiceContext): Promise<ServiceModule> {
  return { name: 'mailer' }
}
