import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, unique } from './fixtures.ts'
import { type AuthInstance, BASE_SETTINGS, createSuite, type Suite, startAuth } from './harness.ts'
import { call } from './helpers.ts'

let suite: Suite
let first: AuthInstance
let second: AuthInstance

const SETTINGS = {
  fedhub: {
    trusted_proxies: ['127.0.0.1'],
    rate_limits: { per_account_per_minute: 3, per_address_per_minute: 5 },
  },
}

beforeAll(async () => {
  suite = await createSuite()
  first = await startAuth(suite, SETTINGS)
  second = await startAuth(suite, SETTINGS)
})
afterAll(async () => {
  await first?.close()
  await second?.close()
  await suite?.close()
})

// Each case comes from its own address, forwarded by our (trusted) proxy on 127.0.0.1.
const randomAddress = () => `10.${[...randomBytes(3)].join('.')}`

const attempt = (instance: AuthInstance, username: string, address: string) =>
  call(instance.app, 'POST', '/api/token/user', {
    body: { username, password: 'wrong' },
    headers: { 'x-forwarded-for': `203.0.113.9, ${address}` },
  })

describe('rate limits', () => {
  it('count attempts on one account across two auth instances', async () => {
    const user = await createUser(suite.orm)
    const statuses: number[] = []
    for (let i = 0; i < 4; i += 1) {
      const instance = i % 2 === 0 ? first : second
      statuses.push((await attempt(instance, user.username, randomAddress())).status)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
  })

  it('count requests from one client address across two auth instances', async () => {
    const address = randomAddress()
    const answers = []
    for (let i = 0; i < 6; i += 1) {
      answers.push(await attempt(i % 2 === 0 ? first : second, unique('who'), address))
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429])
    const last = answers[5]
    expect(last?.body).toEqual({ msg: 'Too many requests, try again later' })
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('take the client address from the right of X-Forwarded-For, past trusted proxies', async () => {
    const address = randomAddress()
    // A client-written entry further left does not give a fresh budget.
    for (let i = 0; i < 5; i += 1) {
      await call(first.app, 'POST', '/api/token/user', {
        body: { username: unique('who'), password: 'x' },
        headers: { 'x-forwarded-for': `${randomAddress()}, ${address}` },
      })
    }
    const spoofed = await call(first.app, 'POST', '/api/token/user', {
      body: { username: unique('who'), password: 'x' },
      headers: { 'x-forwarded-for': `${randomAddress()}, ${address}` },
    })
    expect(spoofed.status).toBe(429)
  })
})

describe('bcrypt queue', () => {
  let busy: AuthInstance
  beforeAll(async () => {
    busy = await startAuth(suite, BASE_SETTINGS)
  })
  afterAll(async () => {
    await busy?.close()
  })

  it('answers 429 with a msg past its bound instead of queueing without end', async () => {
    const answers = await Promise.all(
      Array.from({ length: 120 }, () =>
        call(busy.app, 'POST', '/api/token/user', {
          body: { username: unique('u'), password: 'x' },
        }),
      ),
    )
    const statuses = new Set(answers.map((a) => a.status))
    expect([...statuses].sort()).toEqual([401, 429])
    const refused = answers.find((a) => a.status === 429)
    expect(refused?.body).toEqual({ msg: 'Too many login attempts in progress, try again shortly' })
  })
})
