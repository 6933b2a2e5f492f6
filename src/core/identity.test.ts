import { describe, expect, it } from 'vitest';
import { contentHash, itemKey } from './identity.js';

const item = (over: Partial<{ guid: string | null; url: string | null; title: string; body: string }>) => ({
  guid: null,
  url: null,
  title: 'Japan and US agree tariff deal',
  body: 'TOKYO — Japan and the United States agreed on Tuesday...',
  ...over,
});

describe('itemKey', () => {
  it('prefers the guid, then the URL, then a content hash', () => {
    expect(itemKey(item({ guid: 'urn:x:1', url: 'https://a.example/1' }))).toBe('g:urn:x:1');
    expect(itemKey(item({ url: 'https://a.example/1' }))).toBe('u:https://a.example/1');
    expect(itemKey(item({}))).toMatch(/^h:[0-9a-f]{28}$/);
  });

  it('ignores blank guids and URLs', () => {
    expect(itemKey(item({ guid: '   ', url: 'https://a.example/1' }))).toBe('u:https://a.example/1');
    expect(itemKey(item({ guid: '', url: '' }))).toMatch(/^h:/);
  });

  it('keeps the guid key when the title or link changes (a publisher fixing a typo)', () => {
    const a = itemKey(item({ guid: 'id-7', url: 'https://a.example/old', title: 'Tarrif deal' }));
    const b = itemKey(item({ guid: 'id-7', url: 'https://a.example/new', title: 'Tariff deal' }));
    expect(a).toBe(b);
  });

  it('gives the same content hash across polls despite case and whitespace noise', () => {
    const a = itemKey(item({ title: 'Japan  and US agree', body: 'Line one.\n\nLine two.' }));
    const b = itemKey(item({ title: 'japan and us agree ', body: 'Line one. Line two.' }));
    expect(a).toBe(b);
    expect(itemKey(item({ title: 'Japan and US disagree' }))).not.toBe(itemKey(item({})));
  });

  it('hashes very long guids so keys stay short', () => {
    const long = `https://a.example/?${'x'.repeat(1000)}`;
    const key = itemKey(item({ guid: long }));
    expect(key.length).toBeLessThan(40);
    expect(key).toBe(itemKey(item({ guid: long })));
    expect(key).not.toBe(itemKey(item({ guid: `${long}y` })));
  });
});

describe('contentHash', () => {
  it('is stable and spreads near-identical inputs', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => contentHash(`item ${i}`)));
    expect(hashes.size).toBe(10_000);
  });
});
