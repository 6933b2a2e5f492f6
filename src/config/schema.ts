/**
 * @module config/schema — the one schema for tradewire's YAML files. The Config type is inferred
 * from it, so a key exists in code only if it is validated here.
 *
 * Objects are strict: an unknown key (a typo such as `fetch.timout`) is an error, not ignored.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import type { FeedEntry, SubscriptionEntry, TopicsDefinition } from '../core/types.js';

/** "15s" | "5m" | 250 (ms) → milliseconds. */
export const duration = z
  .union([z.number().nonnegative(), z.string()])
  .transform((v, ctx) => {
    try {
      return parseDuration(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(/^duration: /, '') });
      return z.NEVER;
    }
  });

/**
 * Shortest feed interval (`poll.every`, a feed's `every`): polling a publisher more often than once
 * a minute is abuse. Checked in config/load.ts, where `fetch.allowPrivateNetworks` (your own servers,
 * tests) lifts it.
 */
export const MIN_FEED_INTERVAL_MS = 60_000;

/** A node-cron expression, checked with node-cron's own validator. */
const cronExpression = z.string().refine((v) => cron.validate(v), 'expected a cron expression such as "* * * * *" (every minute) or "*/5 * * * *"');

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected an id of lower-case letters, digits, "-" or "_"');

const destinationRef = z.strictObject({
  platform: z.enum(['slack', 'discord', 'console', 'webhook']),
  channel: z.string().min(1),
  workspace: z.string().default(''),
});

export const settingsSchema = z.strictObject({
  log: z.strictObject({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info') }).prefault({}),
  http: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(3000),
      host: z.string().default('0.0.0.0'),
    })
    .prefault({}),
  store: z
    .discriminatedUnion('driver', [
      z.strictObject({ driver: z.literal('sqlite'), path: z.string().min(1).default('data/tradewire.db') }),
      // The URL is a secret: it comes from DATABASE_URL (or DATABASE_URL_FILE), never from YAML.
      z.strictObject({ driver: z.literal('postgres'), poolSize: z.number().int().positive().default(10) }),
    ])
    .prefault({ driver: 'sqlite' }),
  poll: z
    .strictObject({
      /** node-cron expression that wakes the poller; each feed still keeps its own interval. */
      schedule: cronExpression.default('* * * * *'),
      /** Default per-feed interval (at least 1m). */
      every: duration.default(300_000),
      /** ± fraction of the interval added at random, so feeds do not poll in lockstep. */
      jitter: z.number().min(0).max(1).default(0.1),
      concurrency: z.number().int().positive().default(16),
      perHostConcurrency: z.number().int().positive().default(2),
      /** Longest back-off for a failing feed. */
      maxBackoff: duration.default(6 * 3_600_000),
      /** Items published longer ago than this are stored but never alerted. */
      maxItemAge: duration.default(72 * 3_600_000),
      /** A feed claimed by a poller is leased for this long (multi-instance). */
      leaseTtl: duration.default(300_000),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      timeout: duration.default(15_000),
      maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).default(5),
      /** Items kept from one fetch of a feed: the newest by date (a feed of 100,000 items is not stored whole). */
      maxItems: z.number().int().positive().default(500),
      userAgent: z.string().nullable().default(null),
      /** Tests and private deployments only: allow feeds on loopback/private addresses (SSRF guard off). */
      allowPrivateNetworks: z.boolean().default(false),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** How often the outbox worker looks for due deliveries. */
      interval: duration.default(1_000),
      concurrency: z.number().int().positive().default(8),
      /** Transient failures in a row after which a delivery is reported (log, ops notice); never given up. */
      maxAttempts: z.number().int().positive().default(12),
      maxBackoff: duration.default(3_600_000),
      /** Pause a destination's subscriptions after this many permanent failures in a row. */
      pauseAfterFailures: z.number().int().positive().default(3),
      leaseTtl: duration.default(120_000),
    })
    .prefault({}),
  ops: z
    .strictObject({
      /** Where feed-health notices go (optional). */
      channel: destinationRef.nullable().default(null),
      /** A feed failing this many polls in a row is reported (and its recovery). */
      failureThreshold: z.number().int().positive().default(3),
    })
    .prefault({}),
  slack: z
    .strictObject({
      /** Who may change a channel's subscriptions: any member, or workspace admins only. */
      manageSubscriptions: z.enum(['anyone', 'admins']).default('anyone'),
    })
    .prefault({}),
  discord: z
    .strictObject({
      /** A role id that may manage subscriptions besides members with Manage Channels. */
      manageRole: z.string().regex(/^\d{15,22}$/, 'expected a Discord role id (a number like 123456789012345678)').nullable().default(null),
      /**
       * false: `tradewire run` posts alerts (REST) but does not connect to the gateway for /trade,
       * because `tradewire discord shards` runs the gateway in separate processes (README: Sharding).
       */
      gateway: z.boolean().default(true),
    })
    .prefault({}),
  /** Subscriptions with `platform: webhook` (a Slack incoming-webhook or Discord webhook URL). */
  webhooks: z
    .strictObject({
      /** Name Discord webhook posts show (default: the webhook's own name). Discord refuses names containing "discord" or "clyde". */
      username: z
        .string()
        .min(1)
        .max(80)
        .refine((v) => !/discord|clyde/i.test(v), 'Discord refuses webhook names containing "discord" or "clyde"')
        .nullable()
        .default(null),
      /** Avatar image for Discord webhook posts (https URL). */
      avatarUrl: z.string().regex(/^https:\/\/\S+$/, 'expected an https URL').nullable().default(null),
      /**
       * TESTS ONLY: also accept webhook URLs under this loopback base (e.g. http://127.0.0.1:8080) with
       * Slack's or Discord's path. Production accepts only hooks.slack.com and discord.com.
       */
      testBaseUrl: z.string().nullable().default(null),
    })
    .prefault({}),
});

export const topicSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  /** The rule, in the rule language (README, "Topic rules"). */
  rule: z.string().min(1),
  /** Minimum score for an alert; a passing mention deep in the body scores below it. */
  threshold: z.number().nonnegative().optional(),
  /** Embed colour on Discord, "#rrggbb". */
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like "#1f77b4"')
    .optional(),
});

export const topicsFileSchema = z.strictObject({
  /** Named term lists reused across rules as `@name`. */
  aliases: z.record(z.string(), z.array(z.string().min(1))).default({}),
  topics: z.array(topicSchema).min(1),
});

export const feedSchema = z.strictObject({
  id,
  url: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'expected an http:// or https:// URL'),
  name: z.string().min(1).optional(),
  /** Poll interval (at least 1m). */
  every: duration.optional(),
  fullText: z.boolean().default(false),
  /** On the first poll, alert on the newest N items (unset: 0, or 3 when alerts go only to the console). */
  backfill: z.number().int().min(0).optional(),
  tags: z.array(z.string()).default([]),
});

export const feedsFileSchema = z.strictObject({ feeds: z.array(feedSchema).default([]) });

/** `instant`, or `daily HH:MM [IANA zone]` (the same words as `/trade subscribe`). */
export const modeText = z.string().regex(/^(instant|daily\s+([01]?\d|2[0-3]):[0-5]\d(\s+\S+)?)$/, 'expected "instant" or "daily HH:MM [time zone]"');

export const subscriptionSchema = z.strictObject({
  platform: z.enum(['slack', 'discord', 'console', 'webhook']),
  /**
   * Channel id. For webhooks, `env:NAME` names the variable that holds the webhook URL (a secret);
   * the loader replaces it with the URL.
   */
  channel: z.string().min(1),
  /** Slack team id or Discord guild id: optional, and not part of a Slack or Discord channel's identity (core/destination). */
  workspace: z.string().optional(),
  guild: z.string().optional(),
  topics: z.array(z.string().min(1)).min(1),
  mode: modeText.default('instant'),
  mention: z.string().nullable().default(null),
});

export const subscriptionsFileSchema = z.strictObject({ subscriptions: z.array(subscriptionSchema).default([]) });

export type Settings = z.infer<typeof settingsSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;
export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type FeedConfig = z.infer<typeof feedSchema>;
export type SubscriptionConfig = z.infer<typeof subscriptionSchema>;

/** Secrets and deployment values: environment only (or `NAME_FILE` holding a path). */
// The YAML as validated must fit the plain types core/ and flows/ take (a compile-time check).
type Fits<T extends U, U> = T;
export type ConfigFitsCore = [
  Fits<TopicsFile, TopicsDefinition>,
  Fits<FeedConfig, FeedEntry>,
  Fits<SubscriptionConfig, SubscriptionEntry>,
];

export interface Secrets {
  databaseUrl: string | null;
  slackBotToken: string | null;
  slackSigningSecret: string | null;
  slackAppToken: string | null;
  slackApiUrl: string | null;
  discordToken: string | null;
  discordApplicationId: string | null;
  discordApiUrl: string | null;
}

export interface Config {
  /** Absolute path of the config folder. */
  dir: string;
  settings: Settings;
  topics: TopicsFile;
  feeds: FeedConfig[];
  subscriptions: SubscriptionConfig[];
  secrets: Secrets;
}
