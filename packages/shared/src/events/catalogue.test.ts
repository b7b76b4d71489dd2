import { describe, expect, it } from 'vitest'
import { CONSUMERS, EVENTS, MAIL_DEAD_LETTER_SUBJECT, STREAMS, streamsFor } from './catalogue.ts'
import { eventProblems } from './validate-event.ts'

function streamsCovering(subject: string): string[] {
  return STREAMS.filter((stream) =>
    stream.subjects.some((pattern) => subject.startsWith(pattern.replace(/>$/, ''))),
  ).map((stream) => stream.name)
}

describe('event catalogue', () => {
  it('puts every persisted subject in exactly one stream', () => {
    for (const { subject } of Object.values(EVENTS)) {
      expect(streamsCovering(subject), subject).toHaveLength(1)
    }
    expect(streamsCovering(MAIL_DEAD_LETTER_SUBJECT)).toEqual(['FEDHUB_DEAD'])
  })

  it('gives every consumer a stream that exists', () => {
    const names = new Set(STREAMS.map((stream) => stream.name))
    for (const consumer of CONSUMERS) expect(names.has(consumer.stream)).toBe(true)
  })

  it('uses upstream socket event names, hyphens and underscores as upstream mixes them', () => {
    expect(EVENTS.taskCreated.socketEvent).toBe('new_task')
    expect(EVENTS.killListed.socketEvent).toBe('kill_containers')
    expect(EVENTS.runStatusChanged.socketEvent).toBe('algorithm_status_change')
  })

  it('names what is wrong with a malformed payload', () => {
    expect(
      eventProblems(EVENTS.taskCreated, { id: 1, parent_id: null, collaboration_id: 2 }),
    ).toEqual([])
    expect(eventProblems(EVENTS.taskCreated, { id: 'x', parent_id: null })).toEqual([
      "(payload) must have required property 'collaboration_id'",
      '/id must be integer',
    ])
    expect(
      eventProblems(EVENTS.resetTokenMail, {
        recipient: { user_id: 1, email: 'a@b.c', username: 'a', firstname: null },
        kind: 'password',
        token: 't',
        valid_minutes: 60,
      }),
    ).toEqual([])
  })
})

describe('streamsFor', () => {
  it('keeps mail events and dead letters no longer than a reset token is valid', () => {
    const streams = streamsFor(30)
    const mail = streams.find((stream) => stream.name === 'FEDHUB_MAIL')
    const dead = streams.find((stream) => stream.name === 'FEDHUB_DEAD')
    expect(mail?.maxAgeMs).toBe(30 * 60_000)
    expect(dead?.maxAgeMs).toBe(30 * 60_000)
    expect(mail?.duplicateWindowMs).toBe(10 * 60_000)
    expect(streams.find((stream) => stream.name === 'FEDHUB_SOCKET')?.maxAgeMs).toBe(
      24 * 60 * 60_000,
    )
  })
})
