import { User } from '@fedhub/shared/entities'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { type AuthInstance, BASE_SETTINGS, createSuite, type Suite, startAuth } from './harness.ts'
import { call, login } from './helpers.ts'
import { resetTokenFor } from './outbox.ts'

let suite: Suite
let auth: AuthInstance

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite, BASE_SETTINGS)
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

describe('2FA recovery', () => {
  it('mails a token after a password check and trades it once for a new secret', async () => {
    const user = await createUser(suite.orm, { otpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
    expect(
      await call(auth.app, 'POST', '/api/recover/2fa/lost', {
        body: { username: user.username, password: 'bad' },
      }),
    ).toMatchObject({ status: 401, body: { msg: 'Failed to login' } })
    expect(
      await call(auth.app, 'POST', '/api/recover/2fa/lost', {
        body: { username: user.username, password: user.password },
      }),
    ).toMatchObject({
      status: 200,
      body: { msg: 'You should have received an email that will allow you to reset your 2FA.' },
    })
    const token = await resetTokenFor(suite.orm, user, 'two_factor')
    // Tokens are scoped to their purpose.
    expect(
      await call(auth.app, 'POST', '/api/recover/reset', {
        body: { reset_token: token, password: 'Valid-Pass-1' },
      }),
    ).toMatchObject({ status: 400, body: { msg: 'Invalid recovery token!' } })
    const answer = await call(auth.app, 'POST', '/api/recover/2fa/reset', {
      body: { reset_token: token },
    })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual(['msg', 'otp_secret', 'qr_uri'])
    const row = await suite.orm.em.fork().findOneOrFail(User, { id: user.id })
    expect(row.otpSecret).toBe(answer.body.otp_secret)
    expect(row.otpSecret).not.toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
    expect(
      await call(auth.app, 'POST', '/api/recover/2fa/reset', { body: { reset_token: token } }),
    ).toMatchObject({
      status: 400,
      body: { msg: 'Invalid recovery token!' },
    })
    expect((await call(auth.app, 'POST', '/api/recover/2fa/reset', { body: {} })).status).toBe(400)
  })
})

describe('PATCH /api/password/change', () => {
  it('answers each upstream case', async () => {
    const user = await createUser(suite.orm)
    const token = (await login(auth.app, user.username, user.password)).body.access_token as string
    const change = (body: unknown) =>
      call(auth.app, 'PATCH', '/api/password/change', { token, body })
    expect((await change({ current_password: user.password })).body).toMatchObject({
      errors: { new_password: ['Missing data for required field.'] },
    })
    expect(await change({ current_password: 'wrong', new_password: 'Valid-Pass-1' })).toMatchObject(
      {
        status: 401,
        body: { msg: 'Failed to login' },
      },
    )
    expect(
      await change({ current_password: user.password, new_password: user.password }),
    ).toMatchObject({
      status: 400,
      body: { msg: 'New password is the same as current password!' },
    })
    expect(
      await change({ current_password: user.password, new_password: 'alllowercase1!' }),
    ).toMatchObject({
      status: 400,
      body: { msg: 'Password should contain at least one uppercase letter' },
    })
    expect(
      (await change({ current_password: user.password, new_password: 'Valid-Pass-1' })).status,
    ).toBe(200)
    // The token used for the change is now of an older version.
    expect(
      await change({ current_password: 'Valid-Pass-1', new_password: 'Valid-Pass-2' }),
    ).toMatchObject({
      status: 401,
      body: { msg: 'Token has been revoked' },
    })
  })
})
