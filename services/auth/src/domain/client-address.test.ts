import { describe, expect, it } from 'vitest'
import { clientAddress, createProxyTrust } from './client-address.ts'

describe('clientAddress', () => {
  const trust = createProxyTrust(['10.0.0.0/8', '192.168.1.5'])

  it('is the peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress('203.0.113.7', '1.2.3.4', trust)).toBe('203.0.113.7')
  })

  it('walks X-Forwarded-For from the right past trusted proxies', () => {
    expect(clientAddress('10.1.2.3', '1.2.3.4, 198.51.100.2, 192.168.1.5', trust)).toBe(
      '198.51.100.2',
    )
  })

  it('reads IPv4-mapped IPv6 peers as IPv4', () => {
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.2', trust)).toBe('198.51.100.2')
  })

  it('answers the farthest hop when every hop is trusted', () => {
    expect(clientAddress('10.0.0.1', '10.0.0.2', trust)).toBe('10.0.0.2')
  })

  it('refuses a trust entry that is not an address', () => {
    expect(() => createProxyTrust(['proxy.local'])).toThrow(/not an address/)
  })
})
