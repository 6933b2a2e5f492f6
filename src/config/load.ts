/**
 * @module config/load — reads the config folder and the environment once, through one schema.
 *
 * Every problem in every file is reported in one error (file, key path, what was expected, what was
 * found), so a user fixes them in one pass. The result is deep-frozen. This is the only module that
 * reads environment variables; main.ts passes `process.env` in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { webhookProblems } from '../adapters/chat/webhook/index.js';
import { formatDuration } from '../core/duration.js';
import { TradewireError, errorMessage, isTradewireError } from '../core/errors.js';
import { compileTopics, type RuleProblem } from '../core/rules/index.js';
import { parseSubscriptionMode } from '../core/schedule.js';
import {
  feedsFileSchema,
  settingsSchema,
  subscriptionsFileSchema,
  topicsFileSchema,
  type Config,
  MIN_FEED_INTERVAL_MS,
  type FeedConfig,
  type Secrets,
  type Settings,
  type SubscriptionConfig,
  type TopicsFile,
} from './schema.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** Config folder; default `TRADEWIRE_CONFIG_DIR`, then `./config`. */
  dir?: string;
  env: Env;
}

const FILES = {
  settings: 'tradewire.yaml',
  topics: 'topics.yaml',
  feeds: 'feeds.yaml',
  subscriptions: 'subscriptions.yaml',
} as const;

function configDir(options: LoadOptions): string {
  const dir = resolve(options.dir ?? options.env.TRADEWIRE_CONFIG_DIR ?? 'config');
  if (!existsSync(dir)) {
    throw new TradewireError('config_missing', `config: folder ${dir} does not exist (set TRADEWIRE_CONFIG_DIR or --config)`, {
      input: dir,
    });
  }
  return dir;
}

function configInvalid(problems: string[]): TradewireError {
  return new TradewireError('config_invalid', `config: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`, { input: problems });
}

/** Loads and validates everything; throws TradewireError('config_invalid') listing every problem. */
export function loadConfig(options: LoadOptions): Config {
  const dir = configDir(options);
  const problems: string[] = [];
  const settings = readFile(dir, FILES.settings, settingsSchema, {}, problems, storeDriverDefault);
  const topics = readFile(dir, FILES.topics, topicsFileSchema, undefined, problems);
  const feeds = readFile(dir, FILES.feeds, feedsFileSchema, { feeds: [] }, problems);
  const subs = readFile(dir, FILES.subscriptions, subscriptionsFileSchema, { subscriptions: [] }, problems);
  const secrets = readSecrets(options.env, problems);
  const env = options.env;

  if (settings && env.PORT !== undefined) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`environment: PORT: expected a port number 0-65535, found "${env.PORT}"`);
    else settings.http.port = port;
  }
  if (settings && env.LOG_LEVEL !== undefined) {
    const parsed = settingsSchema.shape.log.safeParse({ level: env.LOG_LEVEL });
    if (parsed.success) settings.log.level = parsed.data.level;
    else problems.push(`environment: LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, found "${env.LOG_LEVEL}"`);
  }
  if (settings && secrets.databaseUrl) settings.store = { driver: 'postgres', poolSize: settings.store.driver === 'postgres' ? settings.store.poolSize : 10 };
  if (settings?.store.driver === 'postgres' && !secrets.databaseUrl) {
    problems.push(`${join(dir, FILES.settings)}: store.driver: postgres needs DATABASE_URL (or DATABASE_URL_FILE) in the environment`);
  }
  if (topics) checkTopics(dir, topics, problems);
  else checkRawRules(dir, problems);
  if (feeds) checkUniqueIds(join(dir, FILES.feeds), 'feeds', feeds.feeds, problems);
  if (settings && !settings.fetch.allowPrivateNetworks) checkIntervals(dir, settings.poll.every, feeds?.feeds ?? [], problems);
  if (subs) {
    resolveWebhookRefs(dir, subs.subscriptions, env, problems);
    checkSubscriptions(join(dir, FILES.subscriptions), subs.subscriptions, topics, settings?.webhooks.testBaseUrl ?? null, problems);
  }

  if (problems.length > 0 || !settings || !topics || !feeds || !subs) throw configInvalid(problems);
  return deepFreeze({ dir, settings, topics, feeds: feeds.feeds, subscriptions: subs.subscriptions, secrets });
}

/** Reads and validates tradewire.yaml alone (`tradewire parse` needs only the fetch settings). */
export function loadSettings(options: LoadOptions): Settings {
  const dir = configDir(options);
  const problems: string[] = [];
  const settings = readFile(dir, FILES.settings, settingsSchema, {}, problems, storeDriverDefault);
  if (problems.length > 0 || !settings) throw configInvalid(problems);
  return deepFreeze(settings);
}

/** Reads and validates topics.yaml alone (`tradewire analyze` needs no other file, nor secrets). */
export function loadTopics(options: LoadOptions): TopicsFile {
  const dir = configDir(options);
  const problems: string[] = [];
  const topics = readFile(dir, FILES.topics, topicsFileSchema, undefined, problems);
  if (topics) checkTopics(dir, topics, problems);
  if (problems.length > 0 || !topics) throw configInvalid(problems);
  return deepFreeze(topics);
}

function readFile<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  fallback: unknown,
  problems: string[],
  prepare: (raw: unknown) => unknown = (raw) => raw,
): z.output<S> | null {
  const path = join(dir, name);
  let raw: unknown = fallback;
  if (existsSync(path)) {
    const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${path}: YAML error: ${e.message.split('\n')[0]}`);
      return null;
    }
    raw = doc.toJS() ?? fallback ?? {};
  } else if (fallback === undefined) {
    problems.push(`${path}: file is missing`);
    return null;
  }
  raw = prepare(raw);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as z.output<S>;
  for (const issue of parsed.error.issues) {
    const keyPath = issue.path.length ? issue.path.join('.') : '(top level)';
    const alreadySaid = issue.code === 'unrecognized_keys' || /\bfound\b/.test(issue.message);
    const found = alreadySaid ? undefined : describe(valueAt(raw, issue.path));
    problems.push(`${path}: ${keyPath}: ${issue.message}${found === undefined ? '' : ` (found ${found})`}`);
  }
  return null;
}

/** `store: {path: …}` without `driver` means SQLite (the default driver), as the README says. */
function storeDriverDefault(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const store = (raw as { store?: unknown }).store;
  if (!store || typeof store !== 'object' || Array.isArray(store) || 'driver' in store) return raw;
  return { ...raw, store: { driver: 'sqlite', ...store } };
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function checkTopics(dir: string, topics: z.output<typeof topicsFileSchema>, problems: string[], options = { duplicates: true }): void {
  const path = join(dir, FILES.topics);
  if (options.duplicates) checkUniqueIds(path, 'topics', topics.topics, problems);
  // Rules are compiled here too, so a bad rule stops start-up with the other config problems
  // (topic id, rule, column, what was expected).
  try {
    compileTopics(topics);
  } catch (err) {
    if (!isTradewireError(err, 'rules_invalid')) throw err;
    for (const p of err.input as RuleProblem[]) problems.push(`${path}: ${p.path}: ${p.message}`);
  }
}

/**
 * topics.yaml failed its schema (a bad colour, a misspelt key): its rules are still compiled, so
 * a rule error is reported in the same pass instead of after the schema error is fixed.
 */
function checkRawRules(dir: string, problems: string[]): void {
  const path = join(dir, FILES.topics);
  if (!existsSync(path)) return;
  let raw: unknown;
  try {
    raw = parseDocument(readFileSync(path, 'utf8')).toJS();
  } catch {
    return; // the YAML error is reported already
  }
  const list = (raw as { topics?: unknown } | null)?.topics;
  if (!Array.isArray(list)) return;
  const usable = list.filter((t): t is { id: string; rule: string } => typeof (t as { id?: unknown })?.id === 'string' && typeof (t as { rule?: unknown })?.rule === 'string');
  const aliases = (raw as { aliases?: unknown }).aliases;
  const parsed = topicsFileSchema.safeParse({ aliases: aliases && typeof aliases === 'object' ? aliases : {}, topics: usable.map((t) => ({ id: t.id, rule: t.rule })) });
  if (parsed.success) checkTopics(dir, parsed.data, problems, { duplicates: false });
}

/**
 * Each subscription names topics that topics.yaml defines (a typo would match nothing, silently),
 * a mode whose time zone exists, and — for webhooks — a Slack or Discord webhook URL.
 */
function checkSubscriptions(path: string, subs: readonly SubscriptionConfig[], topics: TopicsFile | null, testBaseUrl: string | null, problems: string[]): void {
  const known = topics ? new Set(topics.topics.map((t) => t.id)) : null;
  subs.forEach((sub, i) => {
    const entry = `subscriptions.${i} (${sub.platform} ${sub.channel.startsWith('env:') || sub.platform === 'webhook' ? 'webhook' : sub.channel})`;
    sub.topics.forEach((topic, j) => {
      if (known && !known.has(topic)) problems.push(`${path}: ${entry}: topics.${j}: expected a topic id defined in topics.yaml (${[...known].join(', ')}), found "${topic}"`);
    });
    try {
      parseSubscriptionMode(sub.mode);
    } catch (err) {
      problems.push(`${path}: ${entry}: mode: ${errorMessage(err).replace(/^schedule: /, '')}`);
    }
  });
  for (const problem of webhookProblems(subs, testBaseUrl)) {
    problems.push(`${path}: ${problem}; expected a Slack incoming-webhook URL (https://hooks.slack.com/services/T…/B…/…) or a Discord webhook URL (https://discord.com/api/webhooks/ID/TOKEN)`);
  }
}

/** Feed intervals of at least a minute (lifted by fetch.allowPrivateNetworks: your own servers, tests). */
function checkIntervals(dir: string, every: number, feeds: readonly FeedConfig[], problems: string[]): void {
  const min = formatDuration(MIN_FEED_INTERVAL_MS);
  const why = `expected at least ${min} (publishers are not polled more often; fetch.allowPrivateNetworks lifts this for your own servers)`;
  if (every < MIN_FEED_INTERVAL_MS) problems.push(`${join(dir, FILES.settings)}: poll.every: ${why}, found ${formatDuration(every)}`);
  feeds.forEach((f, i) => {
    if (f.every !== undefined && f.every < MIN_FEED_INTERVAL_MS) problems.push(`${join(dir, FILES.feeds)}: feeds.${i}.every: ${why}, found ${formatDuration(f.every)}`);
  });
}

function checkUniqueIds(path: string, key: string, list: { id: string }[], problems: string[]): void {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.id)) problems.push(`${path}: ${key}.${i}.id: expected a unique id, found "${entry.id}" twice`);
    seen.add(entry.id);
  });
}

function resolveWebhookRefs(dir: string, subs: { platform: string; channel: string }[], env: Env, problems: string[]): void {
  subs.forEach((sub, i) => {
    if (!sub.channel.startsWith('env:')) return;
    const name = sub.channel.slice(4);
    const value = readSecret(env, name);
    if (!value) problems.push(`${join(dir, FILES.subscriptions)}: subscriptions.${i}.channel: ${name} is not set in the environment`);
    else sub.channel = value;
  });
}

/** `NAME`, or the contents of the file named by `NAME_FILE` (Docker/Kubernetes secrets). */
function readSecret(env: Env, name: string): string | null {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[`${name}_FILE`];
  if (file) return readFileSync(file, 'utf8').trim();
  return null;
}

function readSecrets(env: Env, problems: string[]): Secrets {
  const get = (name: string): string | null => {
    try {
      return readSecret(env, name);
    } catch (err) {
      problems.push(`environment: ${name}_FILE: cannot read ${env[`${name}_FILE`]}: ${(err as Error).message}`);
      return null;
    }
  };
  return {
    databaseUrl: get('DATABASE_URL'),
    slackBotToken: get('SLACK_BOT_TOKEN'),
    slackSigningSecret: get('SLACK_SIGNING_SECRET'),
    slackAppToken: get('SLACK_APP_TOKEN'),
    slackApiUrl: get('SLACK_API_URL'),
    discordToken: get('DISCORD_TOKEN'),
    discordApplicationId: get('DISCORD_APPLICATION_ID'),
    discordApiUrl: get('DISCORD_API_URL'),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
