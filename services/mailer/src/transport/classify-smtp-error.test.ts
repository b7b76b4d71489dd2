import { describe, expect, it } from 'vitest'
import { classifySmtpError } from './classify-smtp-error.ts'

describe('classifySmtpError', () => {
  it('parks 5xx replies and messages that cannot be built', () => {
    const refused = classifySmtpError({ code: 'EMESSAGE', responseCode: 550, response: '550 no' })
    expect(refused).toMatchObject({
      permanent: true,
      responseCode: 550,
      message: 'EMESSAGE: 550 no',
    })
    expect(classifySmtpError({ code: 'EENVELOPE', message: 'no recipients' }).permanent).toBe(true)
  })

  it('retries 4xx replies, connection errors, timeouts and refused logins', () => {
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 451 }).permanent).toBe(false)
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).permanent).toBe(false)
    expect(classifySmtpError({ code: 'ETIMEDOUT' }).permanent).toBe(false)
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 }).permanent).toBe(false)
    expect(classifySmtpError(new Error('socket hang up')).permanent).toBe(false)
  })
})
