import { Outbox, User } from '@fedhub/shared/entities'
import { EVENTS, eventProblems } from '@fedhub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './fixtures.ts'
import { type AuthInstance, BASE_SETTINGS, createSuite, type Suite, startAuth } from './harness.ts'
import { eventually, login } from './helpers.ts'

let suite: Suite
let auth: AuthInstance

beforeAll(async () => {
  suite = await createSuite()
  auth = await startAuth(suite, {
    ...BASE_SETTINGS,
    password_policy: { max_failed_attempts: 5, inactivation_minutes: 15 },
  })
})
afterAll(async () => {
  await auth?.close()
  await suite?.close()
})

const failures = async (id: number) =>
  (await suite.orm.em.fork().findOneOrFail(User, { id })).failedLoginAttempts

const blockedMails = (userId: number) =>
  suite.orm.em
    .fork()
    .find(Outbox, { subject: EVENTS.accountBlockedMail.subject })
    .then((rows) =>
      rows.filter(
        (r) => (r.payload as { recipient: { user_id: number } }).recipient.user_id === userId,
      ),
    )

describe('lockout', () => {
  it('locks after exactly max_failed_attempts of 50 concurrent wrong passwords', async () => {
    const user = await createUser(suite.orm)
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => login(auth.app, user.username, 'wrong-password')),
    )
    expect(answers.every((a) => a.status === 401 && a.body.msg === 'Failed to login')).toBe(true)
    expect(await failures(user.id)).toBe(5)
    // Locked: the right password is refused too, and the counter does not move.
    expect((await login(auth.app, user.username, user.password)).status).toBe(401)
    expect(await failures(user.id)).toBe(5)
    const mails = await eventually(async () => {
      const rows = await blockedMails(user.id)
      return rows.length > 0 ? rows : undefined
    })
    // Many attempts during the lock, one mail: the mail slot is claimed by a conditional update.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await blockedMails(user.id)).toHaveLength(1)
    expect(eventProblems(EVENTS.accountBlockedMail, mails[0]?.payload)).toEqual([])
    expect(mails[0]?.payload).toMatchObject({
      recipient: { user_id: user.id, email: user.email, username: user.username, firstname: 'Ada' },
      allowed_attempts: 5,
      ip: '127.0.0.1',
      minutes_remaining: 15,
    })
  })

  it('resets the count on success and restarts at 1 after an expired lock', async () => {
    const user = await createUser(suite.orm)
    await login(auth.app, user.username, 'wrong')
    await login(auth.app, user.username, 'wrong')
    expect(await failures(user.id)).toBe(2)
    expect((await login(auth.app, user.username, user.password)).status).toBe(200)
    expect(await failures(user.id)).toBe(0)
    const em = suite.orm.em.fork()
    await em.nativeUpdate(
      User,
      { id: user.id },
      { failedLoginAttempts: 5, lastLoginAttempt: new Date(Date.now() - 16 * 60_000) },
    )
    await login(auth.app, user.username, 'wrong')
    expect(await failures(user.id)).toBe(1)
    expect((await login(auth.app, user.username, user.password)).status).toBe(200)
  })

  it('runs exactly one bcrypt comparison for each kind of failure', async () => {
    const user = await createUser(suite.orm)
    const locked = await createUser(suite.orm)
    await suite.orm.em
      .fork()
      .nativeUpdate(
        User,
        { id: locked.id },
        { failedLoginAttempts: 5, lastLoginAttempt: new Date() },
      )
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['unknown user', () => login(auth.app, 'no-such-user', 'x')],
      ['wrong password', () => login(auth.app, user.username, 'x')],
      ['locked, wrong password', () => login(auth.app, locked.username, 'x')],
      ['locked, right password', () => login(auth.app, locked.username, locked.password)],
    ]
    for (const [name, attempt] of cases) {
      const before = await auth.bcryptCalls()
      await attempt()
      const after = await auth.bcryptCalls()
      expect({ name, compares: after.compare - before.compare }).toEqual({ name, compares: 1 })
      expect(after.hash).toBe(before.hash)
    }
  })
})
