import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { provisioningUri } from '../../domain/totp.ts'
import { SETUP_MESSAGE } from '../token/user.ts'

const Body = Type.Object(
  { reset_token: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
)

/** `POST /recover/2fa/reset`: a new TOTP secret in exchange for a mailed, single-use token. */
export function registerTwoFactorReset(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/recover/2fa/reset',
    { schema: { body: Body, tags: ['recover'], summary: 'Reset 2FA with a mailed token' } },
    async (request) => {
      const user = await deps.recovery.resetTwoFactor(await deps.em(), request.body.reset_token)
      const secret = user.otpSecret ?? ''
      return {
        qr_uri: provisioningUri(secret, user.username ?? '', deps.config.raw.server_name),
        otp_secret: secret,
        msg: SETUP_MESSAGE,
      }
    },
  )
}
