import { describe, expect, it } from 'vitest'
import { renderMail } from '../src/domain/render-mail.ts'
import { lockoutEvent, resetEvent } from './events.ts'

const settings = { supportEmail: 'help@fedhub.test' }
const EVIL = '<script>alert("x")</script><img src=x onerror=1>&'

describe('mail rendering', () => {
  it('escapes every value in the HTML body, so a first name cannot inject markup', () => {
    const result = renderMail(
      'fedhub.mail.account_blocked',
      { ...lockoutEvent(1, EVIL), ip: '"><b>ip</b>' },
      { supportEmail: 'a"b@fedhub.test' },
    )
    if (!result.ok) throw new Error(result.problems.join())
    expect(result.mail.html).not.toContain('<script>')
    expect(result.mail.html).not.toContain('<img')
    expect(result.mail.html).not.toContain('<b>ip')
    expect(result.mail.html).toContain(
      'Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=1&gt;&amp;,',
    )
    expect(result.mail.html).toContain('mailto:a&quot;b@fedhub.test')
    // Plain text is not HTML: it carries the name as written.
    expect(result.mail.text).toContain(`Hello ${EVIL},`)
  })

  it('says what happened, what to do, the token, its validity and the support address', () => {
    const result = renderMail('fedhub.mail.reset_token', resetEvent(2, 'tok-123'), settings)
    if (!result.ok) throw new Error(result.problems.join())
    const { mail } = result
    expect(mail).toMatchObject({ to: 'user2@example.test', subject: 'Password reset vantage6' })
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Hello user2,')
      expect(body).toContain('tok-123')
      expect(body).toContain('expires 60 minutes after it was issued')
      expect(body).toContain('help@fedhub.test')
    }
  })

  it('renders the two-factor reset and the password reset notice', () => {
    const twoFactor = renderMail(
      'fedhub.mail.reset_token',
      { ...resetEvent(2, 't'), kind: 'two_factor' },
      settings,
    )
    expect(twoFactor.ok && twoFactor.mail.subject).toBe('Two-factor authentication reset vantage6')
    const notice = renderMail(
      'fedhub.mail.password_reset_notice',
      { recipient: resetEvent(2, 't').recipient, at: '2026-01-02T03:04:05Z' },
      settings,
    )
    expect(notice.ok && notice.mail.text).toContain('2026-01-02 03:04:05 UTC')
  })

  it('names the problems of a malformed event and of an unknown subject', () => {
    expect(renderMail('fedhub.mail.reset_token', { token: '' }, settings)).toMatchObject({
      ok: false,
    })
    expect(renderMail('fedhub.mail.welcome', {}, settings)).toEqual({
      ok: false,
      problems: ['no mail contract for subject fedhub.mail.welcome'],
    })
  })
})
