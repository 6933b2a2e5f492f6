/**
 * @module adapters/feeds/ssrf — the SSRF guard: which addresses a feed or article URL may reach.
 *
 * Checked on the address actually connected to: the HTTP agent resolves names through
 * `createGuardedLookup`, so there is no gap between the check and the connection for DNS
 * rebinding to use, and every redirect hop opens its own connection through the same check. IP
 * literals never reach a lookup, so the fetcher checks them with `checkAddress` before connecting.
 */
import { isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** Addresses refused even with `allowPrivateNetworks: true`: no feed lives on a cloud metadata endpoint. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192']);
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

const V4_RANGES: [number, number, string][] = [
  [0x00000000, 8, 'unspecified ("this network")'],
  [0x0a000000, 8, 'private (10.0.0.0/8)'],
  [0x64400000, 10, 'carrier-grade NAT (100.64.0.0/10)'],
  [0x7f000000, 8, 'loopback'],
  [0xa9fe0000, 16, 'link-local (169.254.0.0/16)'],
  [0xac100000, 12, 'private (172.16.0.0/12)'],
  [0xc0000000, 24, 'IETF protocol assignments (192.0.0.0/24)'],
  [0xc0a80000, 16, 'private (192.168.0.0/16)'],
  [0xc6120000, 15, 'benchmarking (198.18.0.0/15)'],
  [0xe0000000, 4, 'multicast'],
  [0xf0000000, 4, 'reserved / broadcast'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function classifyV4(ip: string): string | null {
  const n = v4ToInt(ip);
  for (const [base, bits, reason] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === base) return reason;
  }
  return null;
}

/** Eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function v6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = text.includes('::') ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array<string>(Math.max(fill, 0)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function embeddedV4(g: number[], at: number): string {
  return [g[at]! >> 8, g[at]! & 0xff, g[at + 1]! >> 8, g[at + 1]! & 0xff].join('.');
}

function classifyV6(ip: string): string | null {
  const g = v6Groups(ip);
  if (!g) return 'unreadable IPv6 address';
  const [a = 0, b = 0] = g;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d): judge the IPv4 inside.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(embeddedV4(g, 6));
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embeddedV4(g, 6));
  if (a === 0x2002) return classifyV4(embeddedV4(g, 1)); // 6to4
  if ((a & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((a & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((a & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((a & 0xff00) === 0xff00) return 'multicast';
  if (a === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only (100::/64)';
  return null;
}

function isMetadata(ip: string): boolean {
  if (isIP(ip) === 4) return METADATA_V4.has(ip);
  const g = v6Groups(ip);
  if (!g) return false;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return METADATA_V4.has(embeddedV4(g, 6));
  return g.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':');
}

export interface AddressPolicy {
  allowPrivateNetworks: boolean;
}

/** Why `ip` must not be connected to, or null when it may. */
export function checkAddress(ip: string, policy: AddressPolicy): string | null {
  if (isMetadata(ip)) return METADATA_ADDRESS;
  if (policy.allowPrivateNetworks) return null;
  const family = isIP(ip);
  const reason = family === 4 ? classifyV4(ip) : family === 6 ? classifyV6(ip) : 'not an IP address';
  return reason ? `a ${reason} address` : null;
}

/** Why `hostname` is refused before any lookup (metadata names), or null. */
export function checkHostname(hostname: string): string | null {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return METADATA_HOSTS.has(h) ? METADATA_HOST : null;
}

const METADATA_ADDRESS = 'a cloud metadata address';
const METADATA_HOST = 'a cloud metadata host name';

/** The error a refused connection carries (classified as `blocked-address`). */
export class BlockedAddressError extends Error {
  readonly code = 'ETW_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    const what = host === address ? `${host} is` : `${host} resolves to ${address},`;
    // Saying "allowPrivateNetworks allows it" here would be wrong: metadata is refused whatever the setting.
    const metadata = reason === METADATA_ADDRESS || reason === METADATA_HOST;
    super(
      metadata
        ? `${what} ${reason} (where a cloud instance serves its credentials); always refused, even with fetch.allowPrivateNetworks: true`
        : `${what} ${reason}; refused (fetch.allowPrivateNetworks: true allows private networks)`,
    );
  }
}

/** Why an address is refused, or null. `checkAddress` with the configured policy, in production. */
export type AddressCheck = (ip: string) => string | null;

export type DnsLookup = (hostname: string, options: { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `net.connect` lookup that resolves through `resolve` and refuses the connection when any
 * address it would use is blocked. Handles both callback shapes (`all: true` with Happy Eyeballs,
 * and the single-address one).
 */
export function createGuardedLookup(check: AddressCheck, resolve: DnsLookup = dnsLookup as unknown as DnsLookup): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number | string }, callback: (...args: unknown[]) => void) => {
    const named = checkHostname(hostname);
    if (named) return callback(new BlockedAddressError(hostname, hostname, named));
    resolve(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err);
      const family = Number(options?.family) || 0;
      const usable = (addresses ?? []).filter((a) => family === 0 || a.family === family);
      if (usable.length === 0) {
        const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
        return callback(e);
      }
      for (const a of usable) {
        const reason = check(a.address);
        if (reason) return callback(new BlockedAddressError(hostname, a.address, reason));
      }
      if (options?.all) return callback(null, usable);
      const one = usable[0] as LookupAddress;
      return callback(null, one.address, one.family);
    });
  }) as unknown as LookupFunction;
}
