import { User } from '@fedhub/shared/entities'
import { generate } from 'otplib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { type AuthInstance, BASE_SETTINGS, createSuite, type Suite, startAuth } from './harness.ts'
import { login } from './helpers.ts'

let suite: Suite
let auth: AuthInstance

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite, {
    ...BASE_SETTINGS,
    two_factor_auth: true,
    server_name: 'cotopaxi',
  })
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

const SETUP =
  'Two-factor authentication is obligatory on this server. Please visualize the QR code to set up authentication.'

describe('two-factor login', () => {
  it('hands out a new secret and its QR URI at the first login, without tokens', async () => {
    const user = await createUser(suite.orm)
    const answer = await login(auth.app, user.username, user.password)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body).sort()).toEqual(['msg', 'otp_secret', 'qr_uri'])
    expect(answer.body.msg).toBe(SETUP)
    const secret = answer.body.otp_secret as string
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(answer.body.qr_uri).toBe(
      `otpauth://totp/vantage6%20%28cotopaxi%29:${user.username}?secret=${secret}&issuer=vantage6%20%28cotopaxi%29`,
    )
    const row = await suite.orm.em.fork().findOneOrFail(User, { id: user.id })
    expect(row.otpSecret).toBe(secret)
  })

  it('asks for the code when it is missing or empty', async () => {
    const user = await createUser(suite.orm, { otpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
    const expected = {
      status: 200,
      body: { msg: 'Please include your two-factor authentication code' },
    }
    expect(await login(auth.app, user.username, user.password)).toMatchObject(expected)
    expect(await login(auth.app, user.username, user.password, { mfa_code: '' })).toMatchObject(
      expected,
    )
  })

  it('refuses a wrong code with 401 and resets the failure count', async () => {
    const user = await createUser(suite.orm, { otpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
    await login(auth.app, user.username, 'wrong')
    const answer = await login(auth.app, user.username, user.password, { mfa_code: '000000' })
    expect(answer).toMatchObject({
      status: 401,
      body: { msg: 'Your two-factor authentication code is incorrect!' },
    })
    const row = await suite.orm.em.fork().findOneOrFail(User, { id: user.id })
    expect(row.failedLoginAttempts).toBe(0)
  })

  it('accepts the current code, as a string or as a number', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const user = await createUser(suite.orm, { otpSecret: secret })
    const code = await generate({ secret })
    const answer = await login(auth.app, user.username, user.password, { mfa_code: code })
    expect(answer.status).toBe(200)
    expect(answer.body).toHaveProperty('access_token')
    const numeric = await login(auth.app, user.username, user.password, { mfa_code: Number(code) })
    expect(numeric.status).toBe(200)
  })
})
