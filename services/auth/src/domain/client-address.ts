import { BlockList, isIP } from 'node:net'

/** Decides which hops of a request are our own proxies. */
export interface ProxyTrust {
  isTrusted(address: string): boolean
}

function normalise(address: string): string {
  const trimmed = address.trim()
  // IPv4 peers often show up in their IPv6-mapped form; compare them as IPv4.
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed
}

/** Builds the trust list from config entries: single addresses or CIDR ranges. */
export function createProxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/')
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (isIP(address) === 0) throw new Error(`fedhub.trusted_proxies: '${entry}' is not an address`)
    if (prefix === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  return {
    isTrusted(address) {
      const value = normalise(address)
      const kind = isIP(value)
      return kind !== 0 && list.check(value, kind === 6 ? 'ipv6' : 'ipv4')
    },
  }
}

/**
 * The client's address: walking from the nearest hop (the peer) back through
 * `X-Forwarded-For`, the first address that is not one of our proxies. Entries left of it were
 * written by the client and cannot be trusted, so they are never reached.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trust: ProxyTrust,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')
  const hops = [
    ...header
      .split(',')
      .map(normalise)
      .filter((hop) => hop !== ''),
    normalise(peer),
  ]
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] as string
    if (!trust.isTrusted(hop)) return hop
  }
  // Every hop is ours (a health check from inside): the farthest one is the best we know.
  return hops[0] ?? normalise(peer)
}
