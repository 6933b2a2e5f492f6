import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, checkAddress, checkHostname, createGuardedLookup, type DnsLookup } from './ssrf.js';

const closed = { allowPrivateNetworks: false };
const open = { allowPrivateNetworks: true };

describe('checkAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.1.1', '100.64.0.1',
    '100.127.255.255', '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '192.0.0.8', '198.18.0.1',
    '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '::ffff:7f00:1', '64:ff9b::a00:1', '2002:a00:1::', '::127.0.0.1',
  ])('refuses %s unless private networks are allowed', (ip) => {
    expect(checkAddress(ip, closed)).toMatch(/address$/);
    expect(checkAddress(ip, open)).toBeNull();
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (ip) => {
      expect(checkAddress(ip, closed)).toBeNull();
    },
  );

  it.each(['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '100.100.100.200'])('always refuses the metadata address %s', (ip) => {
    expect(checkAddress(ip, open)).toBe('a cloud metadata address');
  });

  it('refuses metadata host names before any lookup', () => {
    expect(checkHostname('metadata.google.internal')).not.toBeNull();
    expect(checkHostname('METADATA.GOOGLE.INTERNAL.')).not.toBeNull();
    expect(checkHostname('news.example.org')).toBeNull();
  });
});

describe('createGuardedLookup', () => {
  const dns: DnsLookup = (host, _o, cb) => {
    const table: Record<string, LookupAddress[]> = {
      'public.test': [{ address: '93.184.215.14', family: 4 }],
      'mixed.test': [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.1', family: 4 }],
    };
    const found = table[host];
    if (found) cb(null, found);
    else cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
  };
  const lookup = createGuardedLookup((ip) => checkAddress(ip, closed), dns) as unknown as (
    h: string,
    o: { all?: boolean },
    cb: (err: Error | null, a?: unknown, f?: number) => void,
  ) => void;
  const ask = (host: string, all: boolean) =>
    new Promise<{ err: Error | null; value: unknown; family?: number }>((resolve) => lookup(host, { all }, (err, value, family) => resolve({ err, value, family })));

  it('answers in both callback shapes for an allowed name', async () => {
    expect(await ask('public.test', true)).toEqual({ err: null, value: [{ address: '93.184.215.14', family: 4 }], family: undefined });
    expect(await ask('public.test', false)).toEqual({ err: null, value: '93.184.215.14', family: 4 });
  });

  it('refuses a name with any blocked address, and passes DNS errors through', async () => {
    const mixed = await ask('mixed.test', true);
    expect(mixed.err).toBeInstanceOf(BlockedAddressError);
    expect(mixed.err?.message).toContain('mixed.test resolves to 10.0.0.1');
    expect((await ask('nowhere.test', true)).err).toMatchObject({ code: 'ENOTFOUND' });
  });
});
