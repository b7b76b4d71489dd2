import { User } from '@fedhub/shared/entities'
import { EVENTS, eventProblems } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { type AuthInstance, BASE_SETTINGS, createSuite, type Suite, startAuth } from './harness.ts'
import { call, claimsOf, login } from './helpers.ts'
import { mailsFor, resetTokenFor } from './outbox.ts'

let suite: Suite
let auth: AuthInstance

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite, { ...BASE_SETTINGS, smtp: { server: 'localhost' } })
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

const LOST = 'If the username or email is in our database you will soon receive an email.'

describe('POST /api/recover/lost', () => {
  it('answers the same for known and unknown accounts, and mails only the known one', async () => {
    const user = await createUser(suite.orm)
    const known = await call(auth.app, 'POST', '/api/recover/lost', {
      body: { username: user.username },
    })
    const unknown = await call(auth.app, 'POST', '/api/recover/lost', {
      body: { email: 'ghost@example.org' },
    })
    expect(known).toMatchObject({ status: 200, body: { msg: LOST } })
    expect(unknown).toMatchObject({ status: 200, body: { msg: LOST } })
    const token = await resetTokenFor(suite.orm, user, 'password')
    const [mail] = await mailsFor(suite.orm, EVENTS.resetTokenMail.subject, user.id)
    expect(eventProblems(EVENTS.resetTokenMail, mail)).toEqual([])
    expect(mail).toMatchObject({
      kind: 'password',
      valid_minutes: 60,
      recipient: { email: user.email },
    })
    // A reset token is no access token: its own type, an object subject, an expiry.
    expect(claimsOf(token)).toMatchObject({
      type: 'reset',
      purpose: 'password',
      sub: { id: String(user.id) },
    })
    const validate = await call(auth.app, 'POST', '/api/token/user/validate', { token })
    expect(validate.status).toBe(422)
  })

  it('mails one reset per user per between_user_emails_minutes', async () => {
    const user = await createUser(suite.orm)
    for (let i = 0; i < 3; i += 1) {
      await call(auth.app, 'POST', '/api/recover/lost', { body: { email: user.email } })
    }
    await resetTokenFor(suite.orm, user, 'password')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await mailsFor(suite.orm, EVENTS.resetTokenMail.subject, user.id)).toHaveLength(1)
  })

  it('needs an email or a username', async () => {
    expect(await call(auth.app, 'POST', '/api/recover/lost', { body: {} })).toMatchObject({
      status: 400,
      body: { errors: { _schema: ['Email or username is required'] } },
    })
    expect(
      (await call(auth.app, 'POST', '/api/recover/lost', { body: { email: 'not-mail' } })).status,
    ).toBe(400)
  })
})

describe('POST /api/recover/reset', () => {
  it('sets the password once per token, unlocks the account and retires old tokens', async () => {
    const user = await createUser(suite.orm)
    await suite.orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { failedLoginAttempts: 5, lastLoginAttempt: new Date() })
    await call(auth.app, 'POST', '/api/recover/lost', { body: { username: user.username } })
    const token = await resetTokenFor(suite.orm, user, 'password')
    const reset = (password: string) =>
      call(auth.app, 'POST', '/api/recover/reset', { body: { reset_token: token, password } })
    expect(await reset('short')).toMatchObject({
      status: 400,
      body: {
        errors: {
          password: [
            'Password too short: use at least 8 characters with mixed lowercase, uppercase, numbers and special characters',
          ],
        },
      },
    })
    expect(await reset('New-Password-1')).toMatchObject({
      status: 200,
      body: { msg: 'The password has successfully been reset!' },
    })
    expect(await reset('Other-Password-2')).toMatchObject({
      status: 400,
      body: { msg: 'Invalid recovery token!' },
    })
    expect((await login(auth.app, user.username, 'New-Password-1')).status).toBe(200)
    const notices = await mailsFor(suite.orm, EVENTS.passwordResetNoticeMail.subject, user.id)
    expect(notices).toHaveLength(1)
    expect(eventProblems(EVENTS.passwordResetNoticeMail, notices[0])).toEqual([])
  })

  it('refuses foreign, access and expired tokens', async () => {
    const user = await createUser(suite.orm)
    const access = (await login(auth.app, user.username, user.password)).body.access_token as string
    const reset = (token: string) =>
      call(auth.app, 'POST', '/api/recover/reset', {
        body: { reset_token: token, password: 'Valid-Pass-1' },
      })
    expect(await reset('garbage')).toMatchObject({
      status: 400,
      body: { msg: 'Invalid recovery token!' },
    })
    expect(await reset(access)).toMatchObject({
      status: 400,
      body: { msg: 'Invalid recovery token!' },
    })
    const { createTokenIssuer } = await import('../src/domain/token-issuer.ts')
    const { loadSigningKeys } = await import('../src/domain/key-store.ts')
    const keys = await loadSigningKeys(suite.dataDir, { generate: false })
    const past = await createTokenIssuer(keys, {
      accessSeconds: 3600,
      refreshSeconds: 7200,
      resetSeconds: 60,
      now: () => Math.floor(Date.now() / 1000) - 3600,
    })
    expect(await reset(await past.issueReset(user.id, 'password', 0))).toMatchObject({
      status: 401,
      body: { msg: 'Token has expired' },
    })
  })
})
