import type { FastifyInstance } from 'fastify'
import type { AuthDeps } from '../auth-deps.ts'
import { clientAddressPlugin } from '../plugins/client-address.ts'
import { registerPasswordChange } from './password/change.ts'
import { registerRecoverLost } from './recover/lost.ts'
import { registerRecoverReset } from './recover/reset.ts'
import { registerTwoFactorLost } from './recover/two-factor-lost.ts'
import { registerTwoFactorReset } from './recover/two-factor-reset.ts'
import { registerContainerToken } from './token/container.ts'
import { registerNodeToken } from './token/node.ts'
import { registerRefreshToken } from './token/refresh.ts'
import { registerUserToken } from './token/user.ts'
import { registerValidateToken } from './token/validate.ts'
import { registerJwks } from './well-known/jwks.ts'

/** Registers every auth route: the API ones under the API path, the JWKS on the host root. */
export async function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  registerJwks(app, deps)
  await app.register(
    async (api) => {
      await api.register(clientAddressPlugin, { trust: deps.trust, limiter: deps.limiter })
      registerUserToken(api, deps)
      registerNodeToken(api, deps)
      registerContainerToken(api, deps)
      registerRefreshToken(api, deps)
      registerValidateToken(api, deps)
      registerRecoverLost(api, deps)
      registerRecoverReset(api, deps)
      registerTwoFactorLost(api, deps)
      registerTwoFactorReset(api, deps)
      registerPasswordChange(api, deps)
    },
    { prefix: deps.config.apiPath },
  )
}
