import { generate } from 'otplib'
import { describe, expect, it } from 'vitest'
import { checkTotp, newTotpSecret, provisioningUri } from './totp.ts'

describe('totp', () => {
  it('makes 32-character base32 secrets', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/)
  })

  it('writes the provisioning URI as upstream does', () => {
    expect(provisioningUri('ABC', 'alice', 'cotopaxi')).toBe(
      'otpauth://totp/vantage6%20%28cotopaxi%29:alice?secret=ABC&issuer=vantage6%20%28cotopaxi%29',
    )
  })

  it('accepts the previous, current and next step only', async () => {
    const secret = newTotpSecret()
    const now = 1_700_000_000
    for (const offset of [-30, 0, 30]) {
      const code = await generate({ secret, epoch: now + offset })
      expect(await checkTotp(secret, code, now)).toBe(true)
    }
    expect(await checkTotp(secret, await generate({ secret, epoch: now - 90 }), now)).toBe(false)
    expect(await checkTotp(secret, 'abcdef', now)).toBe(false)
  })

  it('takes a numeric code zero-padded', async () => {
    const secret = newTotpSecret()
    const now = 1_700_000_000
    const code = await generate({ secret, epoch: now })
    expect(await checkTotp(secret, Number(code), now)).toBe(true)
  })
})
