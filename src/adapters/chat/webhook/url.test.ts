import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../../log.js';
import { checkTestBase, parseWebhookUrl, redactDestination, redactWebhookUrl } from './url.js';

const SLACK = 'https://hooks.slack.com/services/T0123ABC/B0456DEF/abcdefABCDEF123456789012';
const DISCORD = 'https://discord.com/api/webhooks/123456789012345678/AbCdEf_-ghIJklMNopQRstUVwxYZ0123456789';

describe('parseWebhookUrl (production rules)', () => {
  it('accepts Slack incoming webhooks and Discord webhooks (any Discord host, optional version, thread_id)', () => {
    expect(parseWebhookUrl(SLACK)).toMatchObject({ kind: 'slack', redacted: 'https://hooks.slack.com/services/T0123ABC/B0456DEF/***' });
    expect(parseWebhookUrl(DISCORD)).toMatchObject({ kind: 'discord', id: '123456789012345678', redacted: 'https://discord.com/api/webhooks/123456789012345678/***' });
    expect(parseWebhookUrl(DISCORD.replace('discord.com/api', 'discordapp.com/api/v10')).kind).toBe('discord');
    expect(parseWebhookUrl(`${DISCORD}?thread_id=987654321098765432`).threadId).toBe('987654321098765432');
  });

  it.each([
    ['http (not https)', SLACK.replace('https', 'http')],
    ['another host', 'https://hooks.slack.com.evil.example/services/T0123ABC/B0456DEF/abcdef'],
    ['a look-alike Discord host', DISCORD.replace('discord.com', 'discord.com.evil.example')],
    ['loopback without the test base', 'http://127.0.0.1:8080/api/webhooks/123456789012345678/AbCdEf_-ghIJklMNopQRstUVwxYZ'],
    ['private address', 'https://10.0.0.5/services/T0123ABC/B0456DEF/abcdef'],
    ['credentials', SLACK.replace('https://', 'https://u:p@')],
    ['a path that is not a webhook', 'https://discord.com/api/v10/channels/1/messages'],
    ['an extra query', `${DISCORD}?wait=false`],
    ['not a URL', 'env:MISSING'],
  ])('refuses %s', (_why, url) => {
    expect(() => parseWebhookUrl(url)).toThrow(/not a Slack or Discord webhook URL/);
  });

  it('never puts the token in its error message', () => {
    try {
      parseWebhookUrl(`${DISCORD}?x=1`);
    } catch (err) {
      expect((err as Error).message).not.toContain('AbCdEf');
      expect((err as Error).message).toContain('/webhooks/123456789012345678/***');
    }
  });
});

describe('the test-only loopback base', () => {
  it('adds exactly one local base with the platforms’ paths; it must be loopback', () => {
    const base = checkTestBase('http://127.0.0.1:4567');
    expect(parseWebhookUrl('http://127.0.0.1:4567/api/webhooks/123456789012345678/AbCdEf_-ghIJklMNopQRstUVwxYZ', base).kind).toBe('discord');
    expect(parseWebhookUrl('http://127.0.0.1:4567/services/T1/B2/xyz', base).kind).toBe('slack');
    expect(() => parseWebhookUrl('http://127.0.0.1:9999/services/T1/B2/xyz', base)).toThrow(); // another port
    expect(() => checkTestBase('https://hooks.example.com')).toThrow(/tests only.*loopback/);
    expect(() => checkTestBase('http://10.1.2.3:80')).toThrow(/loopback/);
    expect(checkTestBase(null)).toBeNull();
  });
});

describe('redaction', () => {
  it('redacts webhook tokens in strings and destinations, leaves channel ids alone', () => {
    expect(redactWebhookUrl(DISCORD)).toBe('https://discord.com/api/webhooks/123456789012345678/***');
    expect(redactDestination({ platform: 'webhook', workspace: '', channel: SLACK })).toEqual({ platform: 'webhook', workspace: '', channel: 'https://hooks.slack.com/services/T0123ABC/B0456DEF/***' });
    expect(redactDestination({ platform: 'slack', workspace: 'T1', channel: 'C123' })).toEqual({ platform: 'slack', workspace: 'T1', channel: 'C123' });
    expect(redactDestination(DISCORD.slice(0, 64))).not.toContain('AbCdEf_-gh');
  });

  it('the logger never writes a webhook token, whether the destination is an object or a string', async () => {
    let out = '';
    const log = createLogger({ level: 'info', destination: new Writable({ write: (c: Buffer, _e, cb) => void ((out += c.toString()), cb()) }) as never });
    log.child({ destination: { platform: 'webhook', workspace: '', channel: DISCORD } }).error('failed');
    log.info({ destination: SLACK.slice(0, 64) }, 'sent');
    log.info({ destination: { platform: 'discord', channel: '300000000000000001' } }, 'ok');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).not.toContain('AbCdEf');
    expect(out).not.toContain('abcdefABCDEF');
    expect(out).toContain('/webhooks/123456789012345678/***');
    expect(out).toContain('300000000000000001');
  });
});
