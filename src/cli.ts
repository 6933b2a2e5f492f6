#!/usr/bin/env node
/**
 * @module cli — the `tradewire` command: dispatches to one module per subcommand, loaded lazily so
 * `tradewire parse` does not load Slack or Discord.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIO, writeLine, type CliCommand, type CliIO } from './cli/io.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: CliCommand }> }> = {
  run: { summary: 'run the bot: scheduler, chat adapters, HTTP server (= npm start)', load: () => import('./cli/run.js') },
  poll: { summary: 'poll --once: one full cycle (fetch, parse, analyse, store, deliver), then exit', load: () => import('./cli/poll.js') },
  analyze: { summary: 'analyze [--config DIR] [--explain] FILE...: topics, summary and quotes as JSON lines', load: () => import('./cli/analyze.js') },
  parse: { summary: 'parse FILE|URL...: parse feed documents, one JSON line per source', load: () => import('./cli/parse.js') },
  demo: { summary: 'demo: the whole pipeline on a bundled sample feed, into the console', load: () => import('./cli/demo.js') },
  subs: { summary: 'subs list | resume [--channel ID]: subscriptions, and resuming paused ones', load: () => import('./cli/subs.js') },
  discord: { summary: 'discord register [--guild ID] | invite | shards: the /trade command, the invite URL, sharding', load: () => import('./cli/discord.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: tradewire <command> [options]', '', 'commands:', ...lines, '', 'Docs: README.md'].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    await writeLine(name ? io.stdout : io.stderr, usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    await writeLine(io.stderr, `tradewire: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.default(rest, io);
}

/** True when this file is the process entry (also through the npm bin symlink), false when imported. */
function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  runCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`tradewire: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
