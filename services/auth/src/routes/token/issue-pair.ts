import type { FedhubEntityManager } from '@fedhub/shared/data'
import { User } from '@fedhub/shared/entities'
import type { AuthDeps } from '../../auth-deps.ts'
import { linkTo } from '../paths.ts'

export interface PairBody {
  access_token: string
  refresh_token: string
  refresh_url: string
  user_url?: string
  node_url?: string
}

/** Role names of a user, for the informational `roles` claim. */
export async function roleNamesOf(em: FedhubEntityManager, userId: number): Promise<string[]> {
  const user = await em.findOne(User, { id: userId }, { populate: ['roles'] })
  return (user?.roles.getItems() ?? []).map((role) => role.name ?? '')
}

/** Issues an access and refresh token pair and the body upstream answers with. */
export async function issuePairBody(
  deps: AuthDeps,
  clientType: 'user' | 'node',
  id: number,
  roles: string[],
): Promise<PairBody> {
  const tokenVersion = (await deps.versions.stored(id)) ?? 0
  const { access, refresh } = await deps.issuer.issuePair({ clientType, id, roles, tokenVersion })
  const body: PairBody = {
    access_token: access,
    refresh_token: refresh,
    refresh_url: linkTo(deps.config, '/token/refresh'),
  }
  if (clientType === 'user') body.user_url = linkTo(deps.config, `/user/${id}`)
  else body.node_url = linkTo(deps.config, `/node/${id}`)
  return body
}
