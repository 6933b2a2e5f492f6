/**
 * The configuration reference cannot drift from the code: every key of the config schema is in
 * the README (tradewire.yaml keys in its table, with the default the schema actually applies), and
 * every environment variable config/load.ts reads is in the README and in .env.example.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { feedSchema, settingsSchema, subscriptionSchema, topicSchema } from '../../src/config/schema.js';

const readme = readFileSync('README.md', 'utf8');
const envExample = readFileSync('.env.example', 'utf8');

interface ZodNode {
  _zod: { def: { type: string; innerType?: ZodNode; in?: ZodNode; options?: ZodNode[]; shape?: Record<string, ZodNode> } };
}

/** Dotted paths of every leaf key (through defaults, optionals, pipes and the store's union). */
function leafKeys(schema: ZodNode, prefix = ''): string[] {
  const def = schema._zod.def;
  if (def.type === 'object') {
    return Object.entries(def.shape!).flatMap(([k, v]) => {
      const inner = leafKeys(v, `${prefix}${k}.`);
      return inner.length > 0 ? inner : [`${prefix}${k}`];
    });
  }
  if (def.type === 'nullable') return []; // a value that may be null (ops.channel): one key, not a section
  if (def.type === 'union') return [...new Set(def.options!.flatMap((o) => leafKeys(o, prefix)))];
  if (def.innerType) return leafKeys(def.innerType, prefix);
  if (def.type === 'pipe' && def.in) return leafKeys(def.in, prefix);
  return [];
}

/** The README section between a heading and the next heading of the same or a higher level. */
function section(title: string): string {
  const start = readme.indexOf(title);
  if (start < 0) throw new Error(`README has no "${title}"`);
  const rest = readme.slice(start + title.length);
  const level = /^#+/.exec(title)![0].length;
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Rows of a markdown table in a section: first cell (backticks stripped) → second cell. */
function tableRows(text: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    rows.set(cells[1]!.replaceAll('`', ''), cells[2]!);
  }
  return rows;
}

function valueAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

/** Settings with `value` at `path` (and the store driver that key belongs to). */
function settingsWith(path: string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let cur = root;
  path.slice(0, -1).forEach((k) => (cur = (cur[k] = {}) as Record<string, unknown>));
  cur[path.at(-1)!] = value;
  if (path[0] === 'store' && path[1] !== 'driver') (root.store as Record<string, unknown>).driver = path[1] === 'poolSize' ? 'postgres' : 'sqlite';
  return root;
}

describe('README configuration reference', () => {
  const settingsKeys = leafKeys(settingsSchema as unknown as ZodNode);
  const table = tableRows(section('### `tradewire.yaml` — every key, with its default'));

  it('lists every tradewire.yaml key', () => {
    expect(settingsKeys.length).toBeGreaterThan(30);
    expect(settingsKeys.filter((k) => !table.has(k))).toEqual([]);
    expect([...table.keys()].filter((k) => !settingsKeys.includes(k))).toEqual([]); // and no key that does not exist
  });

  it('gives each key the default the schema applies', () => {
    const wrong: string[] = [];
    for (const key of settingsKeys) {
      const path = key.split('.');
      const cell = table.get(key)!.replaceAll('`', '');
      let written: unknown;
      try {
        written = parseYaml(cell);
      } catch {
        written = cell; // e.g. a cron expression, which YAML reads as aliases
      }
      const fromReadme = settingsSchema.safeParse(settingsWith(path, written));
      const fromSchema = settingsSchema.parse(path[0] === 'store' ? { store: { driver: path[1] === 'poolSize' ? 'postgres' : 'sqlite' } } : {});
      if (!fromReadme.success || JSON.stringify(valueAt(fromReadme.data, path)) !== JSON.stringify(valueAt(fromSchema, path))) {
        wrong.push(`${key}: README says ${cell}, the schema's default is ${JSON.stringify(valueAt(fromSchema, path))}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names every key of topics.yaml, feeds.yaml and subscriptions.yaml', () => {
    const text = section('## Configuration');
    const keys = (schema: z.ZodType): string[] => leafKeys(schema as unknown as ZodNode);
    const missing = [...keys(topicSchema), ...keys(feedSchema), ...keys(subscriptionSchema)].filter((k) => !new RegExp(`\\b${k}\\??[,\\]}]`).test(text));
    expect(missing).toEqual([]);
  });

  it('lists every environment variable config/load.ts reads, in the README and in .env.example', () => {
    const source = readFileSync('src/config/load.ts', 'utf8');
    const vars = [...new Set([...source.matchAll(/get\('([A-Z_]+)'\)|env\.([A-Z_]+)/g)].map((m) => m[1] ?? m[2]!))];
    expect(vars).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'TRADEWIRE_CONFIG_DIR', 'SLACK_BOT_TOKEN']));
    const envTable = tableRows(section('### Environment — every variable'));
    expect(vars.filter((v) => !envTable.has(v))).toEqual([]);
    expect(vars.filter((v) => !new RegExp(`^#? ?${v}=`, 'm').test(envExample))).toEqual([]);
  });

  it('lists every environment variable read anywhere in src/ and scripts/, in the README and in .env.example', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const reads = /process\.env\.([A-Z][A-Z0-9_]*)|process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]|\benv\.([A-Z][A-Z0-9_]*)|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g;
    const secrets = /\bget\('([A-Z][A-Z0-9_]*)'\)/g; // config/load.ts reads secrets through get('NAME')
    const vars = new Set<string>();
    for (const file of [...files('src'), ...files('scripts')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(reads)) vars.add(m.slice(1).find((g) => g !== undefined)!);
      if (file === join('src', 'config', 'load.ts')) for (const m of text.matchAll(secrets)) vars.add(m[1]!);
    }
    expect(vars).toContain('SLACK_BOT_TOKEN');
    expect([...vars]).toEqual(expect.arrayContaining(['TRADEWIRE_CONFIG_DIR', 'SHARDS', 'TRADEWIRE_SHARED_DIR']));
    const envTable = section('### Environment — every variable');
    expect([...vars].filter((v) => !envTable.includes(`\`${v}\``))).toEqual([]);
    expect([...vars].filter((v) => !new RegExp(`^#? ?${v}=`, 'm').test(envExample))).toEqual([]);
  });
});

describe('config/tradewire.yaml', () => {
  const text = readFileSync('config/tradewire.yaml', 'utf8');
  const file = parseYaml(text) as Record<string, unknown>;

  it('shows every key, each with the default the schema applies', () => {
    const keys = leafKeys(settingsSchema as unknown as ZodNode);
    // store.poolSize belongs to the postgres driver: shown as a comment beside the sqlite keys.
    expect(keys.filter((k) => (k === 'store.poolSize' ? !/^\s*# poolSize: 10\b/m.test(text) : valueAt(file, k.split('.')) === undefined))).toEqual([]);
    expect(settingsSchema.parse(file)).toEqual(settingsSchema.parse({}));
  });
});

describe('docker-compose.yml', () => {
  it('never puts POSTGRES_PASSWORD inside DATABASE_URL (special characters would break the URL)', () => {
    const compose = parseYaml(readFileSync('docker-compose.yml', 'utf8')) as { services: { tradewire: { environment: Record<string, string> } } };
    const env = compose.services.tradewire.environment;
    expect(env.DATABASE_URL).not.toMatch(/POSTGRES_PASSWORD|:[^/@]*@/);
    expect(env.PGPASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD\b/);
  });
});
