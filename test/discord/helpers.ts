/**
 * @module test/discord/helpers — the real pieces for Discord tests: a temp SQLite store with a few
 * stories, the platform-neutral command handler, and the Discord adapter (real discord.js client)
 * logged in to the fake Discord.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createDiscordChat, type DiscordChat, type DiscordChatOptions } from '../../src/adapters/chat/discord/index.js';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { createCommandHandler, type CommandHandler, type TopicInfo } from '../../src/flows/commands.js';
import type { DeliveryFailure, Store } from '../../src/ports.js';
import type { FakeDiscord } from '../harness/fake-discord.js';

export const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
export const GUILD = '200000000000000001';
export const CH = '300000000000000001';
export const CH2 = '300000000000000002';
export const MANAGER_ROLE = '600000000000000001';
export const MANAGE_CHANNELS = 1n << 4n;
export const TOPICS: TopicInfo[] = [
  { id: 'us-japan', name: 'US–Japan' },
  { id: 'tariffs', name: 'Tariffs' },
  { id: 'g20', name: 'G20' },
  { id: 'fx', name: 'FX / currency' },
];

export interface TempStore {
  store: Store;
  path: string;
  cleanup(): Promise<void>;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-discord-'));
  const path = join(dir, 'test.db');
  const store = createSqliteStore({ path });
  return { store, path, cleanup: async () => void (await store.close().catch(() => undefined), rmSync(dir, { recursive: true, force: true })) };
}

/** Three stories: a tariff deal quoting Akazawa, a yen story, a G20 one. */
export async function seedStories(store: Store): Promise<void> {
  const now = new Date().toISOString();
  await store.ingest(article({ title: 'Japan and US agree to cut auto tariffs to 15%', topics: ['tariffs', 'us-japan'], source: 'Harbor Wire', published: '2025-06-02T08:00:00.000Z', quotes: [{ text: 'This protects jobs on both sides of the Pacific', speaker: 'Ryosei Akazawa' }] }), now);
  await store.ingest(article({ title: 'Yen slides past 158 per dollar', topics: ['fx'], source: 'Pacific Ledger', published: '2025-06-02T09:00:00.000Z', quotes: [{ text: 'We are watching currency moves with urgency', speaker: 'Katsunobu Kato' }] }), now);
  await store.ingest(article({ title: 'G20 ministers meet in Durban', topics: ['g20'], source: 'Harbor Wire', published: '2025-06-02T07:00:00.000Z' }), now);
}

export function handlerFor(store: Store): CommandHandler {
  return createCommandHandler({ store, topics: TOPICS, clock: { now: () => new Date() }, log });
}

export function discordChat(fake: FakeDiscord, store: Store, over: Partial<DiscordChatOptions> = {}): DiscordChat {
  return createDiscordChat({
    token: fake.token,
    apiUrl: fake.apiUrl,
    manageRole: MANAGER_ROLE,
    suggestions: { topics: TOPICS, speakers: (prefix, limit) => store.speakers({ prefix, limit }) },
    log,
    readyTimeoutMs: 10_000,
    ...over,
  });
}

/** The DeliveryFailure a sink call rejects with (fails the test if it resolves). */
export async function failureOf(p: Promise<unknown>): Promise<DeliveryFailure> {
  try {
    await p;
  } catch (err) {
    return err as DeliveryFailure;
  }
  throw new Error('expected the send to fail');
}
