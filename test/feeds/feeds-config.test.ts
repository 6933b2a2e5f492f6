/**
 * The shipped config/feeds.yaml: valid for the loader, public https feeds only, ids unique, and a
 * comment saying what each feed is (so a reader of the file knows what they are subscribing to).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

describe('config/feeds.yaml', () => {
  const config = loadConfig({ dir: 'config', env: {} });

  it('ships real feeds that load, over https, each with an interval', () => {
    expect(config.feeds.length).toBeGreaterThanOrEqual(12);
    for (const feed of config.feeds) {
      expect(new URL(feed.url).protocol, feed.id).toBe('https:');
      expect(feed.every, feed.id).toBeGreaterThanOrEqual(5 * 60_000);
    }
  });

  it('covers government, Japanese press and a Google News search per default topic', () => {
    const hosts = config.feeds.map((f) => new URL(f.url).hostname);
    for (const h of ['ustr.gov', 'home.treasury.gov', 'www.meti.go.jp', 'www.wto.org', 'www.japantimes.co.jp', 'asia.nikkei.com']) expect(hosts).toContain(h);
    for (const topic of config.topics.topics.map((t) => t.id)) {
      expect(config.feeds.some((f) => f.id === `gnews-${topic}`), `Google News search for ${topic}`).toBe(true);
    }
  });

  it('documents every feed with a comment just above it', () => {
    const lines = readFileSync('config/feeds.yaml', 'utf8').split('\n');
    for (const feed of config.feeds) {
      const at = lines.findIndex((l) => l.trim() === `- id: ${feed.id}`);
      expect(at, feed.id).toBeGreaterThan(0);
      const above = lines.slice(Math.max(0, at - 4), at).filter((l) => l.trim().startsWith('#'));
      expect(above.length, `comment above ${feed.id}`).toBeGreaterThan(0);
    }
  });
});
