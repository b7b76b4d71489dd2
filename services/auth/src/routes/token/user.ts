import { User } from '@fedhub/shared/entities'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import type { AuthDeps } from '../../auth-deps.ts'
import { authErrors } from '../../domain/auth-errors.ts'
import { checkTotp, newTotpSecret, provisioningUri } from '../../domain/totp.ts'
import { issuePairBody, roleNamesOf } from './issue-pair.ts'

const Body = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    // The Python client may send the code as a number (compared zero-padded) or null (absent).
    mfa_code: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 10 }),
        Type.Integer({ minimum: 0, maximum: 999999 }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)

export const SETUP_MESSAGE =
  'Two-factor authentication is obligatory on this server. Please visualize the QR code to set up authentication.'

/** `POST /token/user`: password login with lockout, then the second factor when enabled. */
export function registerUserToken(app: FastifyInstance, deps: AuthDeps): void {
  app.post<{ Body: Static<typeof Body> }>(
    '/token/user',
    { schema: { body: Body, tags: ['token'], summary: 'Log in a user' } },
    async (request, reply) => {
      const { username, password, mfa_code: mfaCode } = request.body
      await deps.limiter.account('user', username)
      const em = await deps.em()
      const user = await deps.login(em, username, password, request.clientIp)
      request.identityId = user.id
      if (deps.config.raw.two_factor_auth) {
        if (user.otpSecret === null || user.otpSecret === undefined) {
          const secret = newTotpSecret()
          await em.nativeUpdate(User, { id: user.id }, { otpSecret: secret })
          return {
            qr_uri: provisioningUri(secret, user.username ?? '', deps.config.raw.server_name),
            otp_secret: secret,
            msg: SETUP_MESSAGE,
          }
        }
        if (mfaCode === undefined || mfaCode === null || mfaCode === '') {
          return { msg: 'Please include your two-factor authentication code' }
        }
        if (!(await checkTotp(user.otpSecret, mfaCode))) throw authErrors.mfaCodeWrong()
      }
      const body = await issuePairBody(deps, 'user', user.id, await roleNamesOf(em, user.id))
      void reply.header('jwt-token', body.access_token)
      return body
    },
  )
}
