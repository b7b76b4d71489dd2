import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors/index.ts'
import type { EventBus, MessageHeaders } from '../../src/transports/index.ts'
import { type BusPair, busFixtures, testNames } from './bus-fixtures.ts'
import { gate, waitFor } from './support.ts'

describe.each(busFixtures)('event bus request/reply and broadcast ($name)', (fixture) => {
  let pair: BusPair
  let subject: string
  const gates: Array<() => void> = []

  beforeEach(async () => {
    pair = await fixture.open()
    subject = testNames().subject
  })

  afterEach(async () => {
    for (const open of gates.splice(0)) open()
    await pair.close([])
  })

  /**
   * A replier on another connection is ready once the server has its subscription, which the
   * client cannot observe; so the first request retries while nothing answers yet.
   */
  async function firstRequest(from: EventBus, data: unknown, headers?: MessageHeaders) {
    let answer: unknown
    await waitFor('a replier', async () => {
      try {
        answer = await from.request(subject, data, headers === undefined ? {} : { headers })
        return true
      } catch (err) {
        if (err instanceof AppError && err.code === 'bus.no_responders') return false
        throw err
      }
    })
    return answer
  }

  it('answers a request with the handler result and passes headers', async () => {
    pair.b.reply(subject, async (data, headers) => ({ echo: data, rid: headers['x-request-id'] }))
    const answer = await firstRequest(pair.a, { n: 1 }, { 'x-request-id': 'req-12345678' })
    expect(answer).toEqual({ echo: { n: 1 }, rid: 'req-12345678' })
  })

  it('hands a replier AppError back to the requester with its code and status', async () => {
    pair.b.reply(subject, async () => {
      throw new AppError('user.not_found', 'User with id=3 not found', { status: 404 })
    })
    const failure = await firstRequest(pair.a, {}).catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({
      code: 'user.not_found',
      status: 404,
      message: 'User with id=3 not found',
    })
  })

  it('hides the text of an unexpected replier error', async () => {
    pair.b.reply(subject, async () => {
      throw new Error('secret internals')
    })
    const failure = await firstRequest(pair.a, {}).catch((err: unknown) => err)
    expect(failure).toMatchObject({ code: 'internal.unexpected', status: 500, expose: false })
    expect((failure as Error).message).not.toContain('secret')
  })

  it('fails a request after its timeout when the replier is too slow', async () => {
    const slow = gate()
    gates.push(slow.open)
    let started = false
    pair.b.reply(subject, async () => {
      started = true
      await slow.promise
      return 'late'
    })
    await waitFor('the replier', async () => {
      const outcome = await pair.a.request(subject, {}, { timeoutMs: 200 }).catch((e) => e)
      return started && outcome instanceof AppError && outcome.code === 'bus.request_timeout'
    })
  })

  it('fails a request at once when nothing replies on the subject', async () => {
    await expect(pair.a.request(`${subject}.nobody`, {})).rejects.toMatchObject({
      code: 'bus.no_responders',
    })
  })

  it('gives each request to exactly one replier of a queue group', async () => {
    const calls = { a: 0, b: 0 }
    pair.a.reply(subject, async () => ++calls.a)
    pair.b.reply(subject, async () => ++calls.b)
    await firstRequest(pair.a, {})
    for (let i = 0; i < 19; i++) await pair.a.request(subject, i)
    expect(calls.a + calls.b).toBe(20)
  })

  it('stops answering after the reply subscription stops', async () => {
    const subscription = pair.b.reply(subject, async () => 'here')
    await firstRequest(pair.a, {})
    await subscription.stop()
    await expect(pair.a.request(subject, {}, { timeoutMs: 500 })).rejects.toMatchObject({
      code: 'bus.no_responders',
    })
  })

  it('delivers a broadcast to every listener, with headers', async () => {
    const got: Array<Array<{ data: unknown; headers: MessageHeaders }>> = [[], [], []]
    pair.a.listen(`${subject}.*`, (data, headers) => got[0]!.push({ data, headers }))
    pair.b.listen(`${subject}.*`, (data, headers) => got[1]!.push({ data, headers }))
    pair.b.listen(`${subject}.users`, (data, headers) => got[2]!.push({ data, headers }))
    // Broadcasts are fire and forget; repeat until every listener's subscription is in place.
    await waitFor(
      'every listener',
      async () => {
        await pair.a.broadcast(`${subject}.users`, { id: 3 }, { 'x-request-id': 'req-12345678' })
        return got.every((list) => list.length > 0)
      },
      { intervalMs: 100 },
    )
    for (const list of got) {
      expect(list[0]).toEqual({ data: { id: 3 }, headers: { 'x-request-id': 'req-12345678' } })
    }
  })

  it('reports ready while open and not ready after close', async () => {
    const bus = pair.a
    expect(await bus.isReady()).toBe(true)
    await bus.close()
    expect(await bus.isReady()).toBe(false)
  })
})
