/**
 * @module cli/subs — `tradewire subs list | resume [--channel ID] [--config DIR]`: what every channel
 * follows, and resuming subscriptions paused after repeated delivery failures. The way back for a
 * destination no one can run `/trade subscribe` in (a webhook, a subscriptions.yaml entry that did
 * not change) once its cause is fixed.
 */
import { loadConfig } from '../config/load.js';
import { errorMessage, isTradewireError } from '../core/errors.js';
import { formatSubscriptionMode } from '../core/schedule.js';
import type { Subscription } from '../core/types.js';
import { describeDestination } from '../flows/deliver/outcome.js';
import { pausedSubscriptions, resumeSubscriptions } from '../flows/subscriptions/resume.js';
import { openStore } from '../adapters/store/open.js';
import { createLogger } from '../log.js';
import type { Clock, Store } from '../ports.js';
import { writeLine, type CliIO } from './io.js';

const USAGE = `usage: tradewire subs list [--config DIR]
       tradewire subs resume [--channel ID] [--config DIR]

list     every subscription: channel, topic, mode, where it came from, and whether it is paused
resume   un-pause the subscriptions paused after repeated delivery failures (all of them, or those
         of one channel: its Slack/Discord channel id, or a webhook subscription's URL)`;

interface Options {
  action: 'list' | 'resume';
  channel: string | null;
  config: string | undefined;
}

function parseArgs(argv: string[]): Options | string {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h' || action === 'help') return '';
  if (action !== 'list' && action !== 'resume') return action ? `unknown action ${action}` : 'list or resume?';
  const opts: Options = { action, channel: null, config: undefined };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string | undefined => rest[++i];
    if (a === '--config') opts.config = value();
    else if (a === '--channel' && action === 'resume') opts.channel = value() ?? null;
    else return `unknown argument ${a}`;
    if ((a === '--config' && !opts.config) || (a === '--channel' && !opts.channel)) return `${a} needs a value`;
  }
  return opts;
}

function line(s: Subscription): string {
  const from = s.createdBy === 'config' ? 'subscriptions.yaml' : s.createdBy ? `by ${s.createdBy}` : 'unknown';
  const paused = s.pausedAt ? `  PAUSED since ${s.pausedAt}: ${s.pausedReason ?? ''}` : '';
  return `${describeDestination(s.destination)}  ${s.topic}  ${formatSubscriptionMode(s.mode)}  (${from})${paused}`;
}

export async function runSubs(argv: string[], io: CliIO, clock: Clock = { now: () => new Date() }): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    await writeLine(opts ? io.stderr : io.stdout, opts ? `tradewire subs: ${opts}\n\n${USAGE}` : USAGE);
    return opts ? 2 : 0;
  }
  let store: Store | null = null;
  try {
    const config = loadConfig({ dir: opts.config, env: io.env });
    store = await openStore(config, createLogger({ level: config.settings.log.level }).child({ cmd: 'subs' }));
    if (opts.action === 'list') {
      const subs = await store.listSubscriptions();
      for (const s of subs) await writeLine(io.stdout, line(s));
      if (subs.length === 0) await writeLine(io.stdout, 'no subscriptions');
      return 0;
    }
    const paused = await pausedSubscriptions(store, opts.channel);
    const n = await resumeSubscriptions(store, paused, clock.now().toISOString());
    for (const s of paused) await writeLine(io.stdout, `resumed: ${line({ ...s, pausedAt: null })}`);
    await writeLine(io.stdout, n === 0 ? `nothing paused${opts.channel ? ' in that channel' : ''}` : `resumed ${n} subscription${n === 1 ? '' : 's'}`);
    return 0;
  } catch (err) {
    const code = isTradewireError(err) ? ` [${err.code}]` : '';
    await writeLine(io.stderr, `tradewire subs: ${errorMessage(err)}${code}`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

export default function subs(argv: string[], io: CliIO): Promise<number> {
  return runSubs(argv, io);
}
