import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Where Parley may reach when it fetches from a source: the public internet, and private networks only when allowed. */
export interface NetworkPolicy {
  /** Allow loopback, private and link-local addresses (sources inside the organisation's network, and tests). */
  readonly allowPrivate: boolean;
}

/** The default: the public internet only. */
export const PUBLIC_INTERNET_ONLY: NetworkPolicy = { allowPrivate: false };

// Addresses that are not on the public internet (RFC 6890 and its successors). IPv4-mapped IPv6 addresses are checked
// against the IPv4 ranges by BlockList itself.
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) notPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // ::/96 holds the unspecified and loopback addresses and the deprecated IPv4-compatible ones (::127.0.0.1); 6to4
  // (2002::/16) and site-local (fec0::/10) can also lead inside.
  ['::', 96], ['64:ff9b::', 96], ['2002::', 16], ['fec0::', 10], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) notPublic.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address can belong to a server on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !notPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Resolves a URL's host and says why Parley will not fetch from it, or undefined when it may: every address the name
 * resolves to must be public, unless the policy allows private networks. Checked before each request and each
 * redirect, so that neither a source's address nor a server's redirect can point Parley at the inside of its network.
 */
export async function refusedAddress(url: string | URL, policy: NetworkPolicy): Promise<string | undefined> {
  if (policy.allowPrivate) return undefined;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true, verbatim: true })).map((found) => found.address);
  } catch {
    return undefined; // An unknown name fails the request itself, with the system's reason.
  }
  const inside = addresses.find((address) => !isPublicAddress(address));
  return inside === undefined ? undefined : privateAddressRefusal(host, inside);
}

/** Why a host that resolved to a private address is not read from, and the setting that allows it. */
export function privateAddressRefusal(host: string, address: string): string {
  return `${host} is on a private network (${address}); Parley reads sources on the public internet only. An administrator can allow private addresses with PARLEY_ALLOW_PRIVATE_SOURCES=true.`;
}
