import type { FedhubOrm } from '@fedhub/shared/data'
import type { FastifyInstance } from 'fastify'

/** Whether a trivial query succeeds; never throws, as upstream's health endpoint never fails. */
export async function databaseReachable(openOrm: () => Promise<FedhubOrm>): Promise<boolean> {
  try {
    const orm = await openOrm()
    await orm.em.fork().getConnection().execute('select 1')
    return true
  } catch {
    return false
  }
}

/** `GET /health`: always 200 with `{"database": bool}`, as upstream answers. */
export function registerHealthRoute(
  app: FastifyInstance,
  apiPath: string,
  openOrm: () => Promise<FedhubOrm>,
): void {
  app.get(
    `${apiPath}/health`,
    {
      schema: {
        summary: 'Whether the server reaches its database',
        tags: ['System'],
        response: {
          200: {
            type: 'object',
            properties: { database: { type: 'boolean' } },
            required: ['database'],
          },
        },
      },
    },
    async () => ({ database: await databaseReachable(openOrm) }),
  )
}
