import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { isTradewireError } from '../core/errors.js';

const TOPICS = 'topics:\n  - id: fx\n    rule: yen\n';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isTradewireError(err)) return err.message;
    throw err;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('loads the shipped config folder with defaults applied', () => {
    const config = loadConfig({ dir: 'config', env: {} });
    expect(config.settings.poll.every).toBe(300_000);
    expect(config.settings.fetch.timeout).toBe(15_000);
    expect(config.settings.store).toEqual({ driver: 'sqlite', path: 'data/tradewire.db' });
    expect(config.topics.topics.map((t) => t.id)).toEqual(expect.arrayContaining(['us-japan', 'tariffs', 'g20', 'fx']));
    expect(Object.isFrozen(config.settings.poll)).toBe(true);
  });

  it('applies defaults when only topics.yaml exists', () => {
    const config = loadConfig({ dir: dirWith({ 'topics.yaml': TOPICS }), env: {} });
    expect(config.feeds).toEqual([]);
    expect(config.subscriptions).toEqual([]);
    expect(config.settings.http.port).toBe(3000);
  });

  it('reports every problem with file, key path, expectation and the value found', () => {
    const dir = dirWith({
      'topics.yaml': TOPICS,
      'tradewire.yaml': 'fetch:\n  timeout: soon\n  timout: 5s\npoll:\n  concurrency: -1\n',
      'feeds.yaml': 'feeds:\n  - id: Bad Id\n    url: not a url\n',
    });
    const message = problemsOf(() => loadConfig({ dir, env: {} }));
    expect(message).toContain(`${join(dir, 'tradewire.yaml')}: fetch.timeout:`);
    expect(message).toContain('found "soon"');
    expect(message).toMatch(/fetch: Unrecognized key.*timout/);
    expect(message).toContain('poll.concurrency');
    expect(message).toContain('found -1');
    expect(message).toContain(`${join(dir, 'feeds.yaml')}: feeds.0.id`);
    expect(message).toContain(`${join(dir, 'feeds.yaml')}: feeds.0.url`);
  });

  it('names a YAML syntax error and a missing topics file', () => {
    const dir = dirWith({ 'tradewire.yaml': 'log: [unclosed\n' });
    const message = problemsOf(() => loadConfig({ dir, env: {} }));
    expect(message).toContain(`${join(dir, 'tradewire.yaml')}: YAML error`);
    expect(message).toContain(`${join(dir, 'topics.yaml')}: file is missing`);
  });

  it('takes PORT, LOG_LEVEL and secrets from the environment, and DATABASE_URL selects PostgreSQL', () => {
    const secretFile = join(dirWith({ 'topics.yaml': TOPICS }), 'token');
    writeFileSync(secretFile, 'xoxb-from-file\n');
    const config = loadConfig({
      dir: dirWith({ 'topics.yaml': TOPICS }),
      env: { PORT: '8081', LOG_LEVEL: 'debug', DATABASE_URL: 'postgres://u:p@h/db', SLACK_BOT_TOKEN_FILE: secretFile },
    });
    expect(config.settings.http.port).toBe(8081);
    expect(config.settings.log.level).toBe('debug');
    expect(config.settings.store.driver).toBe('postgres');
    expect(config.secrets.databaseUrl).toBe('postgres://u:p@h/db');
    expect(config.secrets.slackBotToken).toBe('xoxb-from-file');
  });

  it('accepts store: {path} without driver (the driver defaults to sqlite)', () => {
    const config = loadConfig({ dir: dirWith({ 'topics.yaml': TOPICS, 'tradewire.yaml': 'store: {path: /tmp/x.db}\n' }), env: {} });
    expect(config.settings.store).toEqual({ driver: 'sqlite', path: '/tmp/x.db' });
  });

  it('rejects a bad PORT and a duplicate topic id', () => {
    const dir = dirWith({ 'topics.yaml': `${TOPICS}  - id: fx\n    rule: dollar\n` });
    const message = problemsOf(() => loadConfig({ dir, env: { PORT: 'eighty' } }));
    expect(message).toContain('PORT: expected a port number');
    expect(message).toContain('topics.1.id: expected a unique id, found "fx" twice');
  });

  it('resolves env: webhook channels and reports unset ones', () => {
    const subs = 'subscriptions:\n  - platform: webhook\n    channel: env:OPS_HOOK\n    topics: [fx]\n';
    const dir = dirWith({ 'topics.yaml': TOPICS, 'subscriptions.yaml': subs });
    const hook = 'https://hooks.slack.com/services/T0001/B0001/secretsecret';
    expect(loadConfig({ dir, env: { OPS_HOOK: hook } }).subscriptions[0]?.channel).toBe(hook);
    expect(problemsOf(() => loadConfig({ dir, env: {} }))).toContain('subscriptions.0.channel: OPS_HOOK is not set');
  });

  it('rejects a webhook URL that is not Slack or Discord at load, naming the entry and what a valid one looks like, without the secret', () => {
    const subs = 'subscriptions:\n  - {platform: console, channel: stdout, topics: [fx]}\n  - {platform: webhook, channel: "env:DESK_HOOK", topics: [fx]}\n';
    const dir = dirWith({ 'topics.yaml': TOPICS, 'subscriptions.yaml': subs });
    const message = problemsOf(() => loadConfig({ dir, env: { DESK_HOOK: 'https://hooks.example.com/services/T1/B1/topsecret' } }));
    expect(message).toContain(`${join(dir, 'subscriptions.yaml')}: subscriptions.1.channel:`);
    expect(message).toContain('https://hooks.slack.com/services/');
    expect(message).toContain('https://discord.com/api/webhooks/ID/TOKEN');
    expect(message).not.toContain('topsecret');
  });

  it('rejects a non-http feed URL, a feed interval under a minute and a bad poll.schedule', () => {
    const at = (files: Record<string, string>): { dir: string; message: string } => {
      const dir = dirWith({ 'topics.yaml': TOPICS, ...files });
      return { dir, message: problemsOf(() => loadConfig({ dir, env: {} })) };
    };
    const urls = at({ 'feeds.yaml': 'feeds:\n  - {id: a, url: "ftp://x.example/feed"}\n  - {id: b, url: "file:///etc/passwd"}\n' });
    expect(urls.message).toContain(`${join(urls.dir, 'feeds.yaml')}: feeds.0.url: expected an http:// or https:// URL (found "ftp://x.example/feed")`);
    expect(urls.message).toContain('feeds.1.url: expected an http:// or https:// URL');
    const intervals = at({
      'tradewire.yaml': 'poll: {every: 30s}\n',
      'feeds.yaml': 'feeds:\n  - {id: c, url: "https://x.example/c", every: 10s}\n  - {id: d, url: "https://x.example/d", every: 1m}\n',
    });
    expect(intervals.message).toContain(`${join(intervals.dir, 'tradewire.yaml')}: poll.every: expected at least 1m`);
    expect(intervals.message).toContain('found 30s');
    expect(intervals.message).toMatch(/feeds\.0\.every: expected at least 1m .*found 10s/);
    expect(intervals.message).not.toContain('feeds.1');
    const cron = at({ 'tradewire.yaml': 'poll: {schedule: "every minute"}\n' });
    expect(cron.message).toContain(`${join(cron.dir, 'tradewire.yaml')}: poll.schedule: expected a cron expression`);
    expect(cron.message).toContain('found "every minute"');
  });

  it('lets fetch.allowPrivateNetworks (your own servers, tests) poll more often than once a minute', () => {
    const dir = dirWith({ 'topics.yaml': TOPICS, 'tradewire.yaml': 'poll: {every: 5s}\nfetch: {allowPrivateNetworks: true}\n', 'feeds.yaml': 'feeds:\n  - {id: c, url: "http://127.0.0.1:8080/c", every: 2s}\n' });
    expect(loadConfig({ dir, env: {} }).feeds[0]?.every).toBe(2_000);
  });

  it('rejects a subscription naming an unknown topic or time zone, naming the file and the entry', () => {
    const subs = 'subscriptions:\n  - {platform: slack, channel: C1, topics: [fx, tarifs]}\n  - {platform: slack, channel: C2, topics: [fx], mode: "daily 08:00 Mars/Olympus"}\n';
    const dir = dirWith({ 'topics.yaml': TOPICS, 'subscriptions.yaml': subs });
    const message = problemsOf(() => loadConfig({ dir, env: {} }));
    expect(message).toContain(`${join(dir, 'subscriptions.yaml')}: subscriptions.0 (slack C1): topics.1: expected a topic id defined in topics.yaml (fx), found "tarifs"`);
    expect(message).toMatch(/subscriptions\.1 \(slack C2\): mode: .*Mars\/Olympus/);
  });

  it('reports rule errors together with a schema error in topics.yaml', () => {
    const topics = 'topics:\n  - {id: fx, rule: "yen AND", color: red}\n  - {id: g20, rule: "g20 NEAR/x summit"}\n';
    const message = problemsOf(() => loadConfig({ dir: dirWith({ 'topics.yaml': topics }), env: {} }));
    expect(message).toContain('topics.0.color: expected a colour');
    expect(message).toMatch(/topics\.yaml: (topics\.0|fx)[^\n]*rule/);
    expect(message).toMatch(/topics\.yaml: (topics\.1|g20)[^\n]*rule/);
  });
});
