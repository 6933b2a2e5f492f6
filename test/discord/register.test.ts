/**
 * `tradewire discord register [--guild ID]` and `tradewire discord invite`, run in-process against
 * the fake Discord: the exact command JSON Discord receives, globally or per guild.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { SUBCOMMANDS } from '../../src/flows/commands.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';

let fake: FakeDiscord;
let dir: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'tradewire-register-'));
  cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

async function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => void (out += d.toString()));
  stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const code = await runCli(['discord', ...args, '--config', dir], { stdout, stderr, stdin: new PassThrough(), env });
  return { code, out, err };
}

const env = (): Record<string, string> => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });

type Opt = { type: number; name: string; required?: boolean; autocomplete?: boolean; min_value?: number; max_value?: number; choices?: { value: string }[]; options?: Opt[] };

describe('tradewire discord register', () => {
  it('--guild: PUTs /trade with typed subcommands and options to the guild', async () => {
    const r = await run(['register', '--guild', '200000000000000001'], env());
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('registered /trade with 9 subcommands in server 200000000000000001');
    const put = fake.requests.find((q) => q.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/200000000000000001/commands`);
    expect(put.auth).toBe(`Bot ${fake.token}`);
    const [cmd] = put.body as { name: string; type: number; contexts: number[]; options: Opt[] }[];
    expect(cmd).toMatchObject({ name: 'trade', type: 1, contexts: [0] });
    expect(cmd!.options.map((o) => o.name)).toEqual(SUBCOMMANDS.map((s) => s.name));
    expect(cmd!.options.every((o) => o.type === 1 && (o.options ?? []).length <= 25)).toBe(true);
    const sub = (name: string): Opt[] => cmd!.options.find((o) => o.name === name)!.options!;
    expect(sub('latest')).toEqual([
      expect.objectContaining({ type: 3, name: 'topic', autocomplete: true, required: false }),
      expect.objectContaining({ type: 4, name: 'n', min_value: 1, max_value: 10 }),
      expect.objectContaining({ type: 5, name: 'public' }), // boolean: show the answer to the channel
    ]);
    for (const lookup of ['search', 'quotes', 'topics', 'feeds', 'help']) expect(sub(lookup).at(-1)).toMatchObject({ type: 5, name: 'public' });
    expect(sub('subscribe').some((o) => o.name === 'public')).toBe(false);
    expect(sub('search')[0]).toMatchObject({ type: 3, name: 'query', required: true });
    expect(sub('quotes')[0]).toMatchObject({ name: 'speaker', required: true, autocomplete: true });
    expect(sub('subscribe').find((o) => o.name === 'mode')!.choices!.map((c) => c.value)).toEqual(['instant', 'daily']);
    expect(sub('subscribe').find((o) => o.name === 'timezone')).toMatchObject({ autocomplete: true });
    expect(sub('unsubscribe')[0]).toMatchObject({ name: 'topic', required: true });
    expect(sub('help').map((o) => o.name)).toEqual(['public']);
    expect(fake.commands.get('200000000000000001')).toHaveLength(1);
  });

  it('without --guild: registers globally, looking the application id up when it is not set', async () => {
    const r = await run(['register'], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    expect(r.code).toBe(0);
    expect(r.out).toContain('globally');
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /applications/@me', `PUT /applications/${fake.applicationId}/commands`]);
    expect(fake.commands.get('global')).toHaveLength(1);
  });

  it('invite prints the OAuth2 URL with both scopes and the permissions the bot needs', async () => {
    const r = await run(['invite'], env());
    expect(r.out.trim()).toBe(`https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot%20applications.commands&permissions=84992`);
  });

  it('reports a refused token, a missing token and bad usage clearly', async () => {
    const bad = await run(['register'], { ...env(), DISCORD_TOKEN: 'nope' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/401.*check DISCORD_TOKEN/);
    const missing = await run(['register'], { DISCORD_API_URL: fake.apiUrl });
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('DISCORD_TOKEN is not set');
    expect((await run(['register', '--guild', 'abc'], env())).code).toBe(2);
    expect((await run(['frobnicate'], env())).err).toContain('unknown action "frobnicate"');
  });
});
